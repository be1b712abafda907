package com.logprocessor.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.consistency.ConsistencyLevel;
import com.logprocessor.core.entry.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntryReadTest {

    @Test
    void defaultsAreLeftToTheReaderExceptRepairWhichIsAsync() {
        EntryRead read = EntryRead.parse("partition-1", "1", null, null).read();
        assertThat(read.consistency()).isNull();
        assertThat(read.repair()).isEqualTo(RepairMode.ASYNC);
        assertThat(EntryRead.parse("k", "2", "all", "Blocking").read())
                .extracting(EntryRead::consistency, EntryRead::repair)
                .containsExactly(ConsistencyLevel.ALL, RepairMode.BLOCKING);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"sequence, k, 0, , ", "sequence, k, one, , ", "consistency, k, 1, TWO, ", "repair, k, 1, , later",
            "partitionKey, ' ', 1, , "})
    void everyBadParameterIsNamed(String field, String key, String sequence, String consistency, String repair) {
        assertThat(EntryRead.parse(key, sequence, consistency, repair).violations())
                .extracting(Violation::field).containsExactly(field);
    }

    @Test
    void aKeyIsCheckedByThePartitionKeyRules() {
        assertThat(EntryRead.parse("a\0b", "1", null, null).violations())
                .containsExactlyElementsOf(PartitionKeys.check("partitionKey", "a\0b")).isNotEmpty();
        assertThat(EntryRead.parse("k".repeat(257), "1", null, null).violations()).singleElement()
                .extracting(Violation::field).isEqualTo("partitionKey");
    }
}
