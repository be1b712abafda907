package com.logprocessor.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.entry.Violation;
import org.junit.jupiter.api.Test;

class PartitionKeysTest {

    @Test
    void aKeyIsOneTo256CharactersNotBlankWithoutNul() {
        assertThat(PartitionKeys.check("partitionId", "10.0.0.1")).isEmpty();
        assertThat(PartitionKeys.check("partitionId", "k".repeat(256))).isEmpty();
        assertThat(PartitionKeys.check("partitionId", null)).extracting(Violation::field).containsExactly("partitionId");
        assertThat(PartitionKeys.check("partitionKey", "  ")).extracting(Violation::field).containsExactly("partitionKey");
        assertThat(PartitionKeys.check("p", "k".repeat(257)).get(0).message()).contains("256").contains("257");
        assertThat(PartitionKeys.check("p", "a\0b").get(0).message()).contains("U+0000");
    }
}
