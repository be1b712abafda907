package com.logprocessor.coordinator.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.logprocessor.support.testing.TestRedis;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sequence numbering against a real Redis. */
class SequenceRegistryTest {

    private TestRedis.Connection redis;
    private String topic;

    @BeforeEach
    void connect() {
        redis = TestRedis.connect();
        topic = "ingest-" + UUID.randomUUID();
    }

    @AfterEach
    void close() {
        redis.close();
    }

    private SequenceRegistry registry() {
        return new SequenceRegistry(redis.template(), topic, 1000);
    }

    @Test
    void eachKeyIsNumberedOneTwoThreeInArrivalOrder() {
        SequenceRegistry registry = registry();
        SequenceRegistry.Assignment a = registry.assign(0, List.of("a", "b", "a", "a", "c", "b"));
        assertThat(a.sequences()).containsExactly(1, 1, 2, 3, 1, 2);
        assertThat(a.counters()).isEqualTo(Map.of("a", 3L, "b", 2L, "c", 1L));
        registry.checkpoint(0, a.counters(), 106, 1);
        assertThat(registry.assign(0, List.of("b", "d")).sequences()).containsExactly(3, 1);
        assertThat(registry.resumeOffset(0)).hasValue(106);
    }

    @Test
    void aBatchReplayedAfterACrashGetsTheSameSequences() {
        SequenceRegistry before = registry();
        before.checkpoint(3, before.assign(3, List.of("k", "k")).counters(), 12, 1);
        long[] first = before.assign(3, List.of("k", "x", "k")).sequences(); // written, then the process died

        SequenceRegistry restarted = registry(); // a new process, or another coordinator
        assertThat(restarted.resumeOffset(3)).hasValue(12);
        assertThat(restarted.assign(3, List.of("k", "x", "k")).sequences()).containsExactly(first);
        assertThat(first).containsExactly(3, 1, 4);
    }

    @Test
    void partitionsAreNumberedIndependently() {
        SequenceRegistry registry = registry();
        registry.checkpoint(0, registry.assign(0, List.of("a")).counters(), 1, 1);
        assertThat(registry.assign(1, List.of("a")).sequences()).containsExactly(1);
        assertThat(registry.resumeOffset(2)).isEmpty();
    }

    @Test
    void anOlderGenerationCannotOverwriteANewerCheckpoint() {
        SequenceRegistry zombie = registry();
        SequenceRegistry owner = registry();
        SequenceRegistry.Assignment stale = zombie.assign(0, List.of("a"));
        owner.checkpoint(0, owner.assign(0, List.of("a", "a")).counters(), 2, 7);
        assertThatThrownBy(() -> zombie.checkpoint(0, stale.counters(), 1, 6))
                .isInstanceOf(SequenceRegistry.FencedException.class);
        assertThat(owner.resumeOffset(0)).hasValue(2);
        assertThat(registry().assign(0, List.of("a")).sequences()).containsExactly(3);
    }

    @Test
    void keysLookingLikeMetadataAreJustKeys() {
        SequenceRegistry registry = registry();
        SequenceRegistry.Assignment a = registry.assign(0, List.of("@offset", "checkpoint"));
        registry.checkpoint(0, a.counters(), 2, 1);
        assertThat(registry.resumeOffset(0)).hasValue(2);
        assertThat(registry().assign(0, List.of("@offset")).sequences()).containsExactly(2);
    }
}
