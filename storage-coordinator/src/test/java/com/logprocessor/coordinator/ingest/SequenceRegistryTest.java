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

    @Test
    void aCheckpointOfMoreKeysThanOneHsetTakesKeepsEveryCounter() {
        // 2,501 keys: two full HSET chunks of 1,000 and a partial one, key "k0" seen twice.
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i <= 2500; i++) {
            keys.add("k" + i);
        }
        keys.add("k0");
        SequenceRegistry registry = registry();
        registry.checkpoint(5, registry.assign(5, keys).counters(), keys.size(), 1);

        long[] next = registry().assign(5, keys).sequences(); // a new process reads every counter from Redis
        assertThat(next[0]).isEqualTo(3);
        for (int i = 1; i <= 2500; i++) {
            assertThat(next[i]).as(keys.get(i)).isEqualTo(2);
        }
        assertThat(next[2501]).isEqualTo(4);
    }

    @Test
    void oneBatchCheckpointsAllItsPartitionsInOneStep() {
        SequenceRegistry registry = registry();
        SequenceRegistry.Assignment p1 = registry.assign(1, List.of("a", "b", "a"));
        SequenceRegistry.Assignment p2 = registry.assign(2, List.of("a"));
        registry.checkpoint(List.of(new SequenceRegistry.Checkpoint(1, p1.counters(), 40),
                new SequenceRegistry.Checkpoint(2, p2.counters(), 7),
                new SequenceRegistry.Checkpoint(4, Map.of(), 3)), 1); // partition 4: only unreadable records

        SequenceRegistry restarted = registry();
        assertThat(restarted.resumeOffset(1)).hasValue(40);
        assertThat(restarted.resumeOffset(2)).hasValue(7);
        assertThat(restarted.resumeOffset(4)).hasValue(3);
        assertThat(restarted.assign(1, List.of("a", "b")).sequences()).containsExactly(3, 2);
        assertThat(restarted.assign(2, List.of("a")).sequences()).containsExactly(2);
    }

    @Test
    void aBatchFencedOnOnePartitionCheckpointsNoneOfThem() {
        SequenceRegistry owner = registry();
        owner.checkpoint(2, owner.assign(2, List.of("a")).counters(), 5, 8); // generation 8 took partition 2
        SequenceRegistry zombie = registry();
        SequenceRegistry.Assignment p1 = zombie.assign(1, List.of("x"));
        SequenceRegistry.Assignment p2 = zombie.assign(2, List.of("a"));

        assertThatThrownBy(() -> zombie.checkpoint(List.of(new SequenceRegistry.Checkpoint(1, p1.counters(), 9),
                new SequenceRegistry.Checkpoint(2, p2.counters(), 6)), 7))
                .isInstanceOf(SequenceRegistry.FencedException.class);
        SequenceRegistry fresh = registry();
        assertThat(fresh.resumeOffset(1)).isEmpty();
        assertThat(fresh.resumeOffset(2)).hasValue(5);
        assertThat(fresh.assign(1, List.of("x")).sequences()).containsExactly(1);
        assertThat(fresh.assign(2, List.of("a")).sequences()).containsExactly(2);
    }
}
