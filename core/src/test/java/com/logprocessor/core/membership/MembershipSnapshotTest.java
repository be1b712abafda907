package com.logprocessor.core.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MembershipSnapshotTest {

    private static Member member(String id, MemberState state, int offset) {
        List<Long> tokens = IntStream.range(0, 16).mapToObj(i -> (long) i * 268_435_456L + offset).toList();
        return new Member(id, "http://" + id, tokens, state, Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void aDownMemberStaysAReplicaOfItsRangesButLeavesTheRingOfReachableNodes() {
        MembershipSnapshot snapshot = new MembershipSnapshot(Map.of(
                "a", member("a", MemberState.UP, 0),
                "b", member("b", MemberState.DOWN, 1_000),
                "c", member("c", MemberState.UP, 2_000),
                "d", member("d", MemberState.UP, 3_000)), Instant.EPOCH);

        assertThat(snapshot.ring().nodes()).containsExactly("a", "c", "d");
        assertThat(snapshot.replicaRing().nodes()).containsExactly("a", "b", "c", "d");
        for (int i = 0; i < 200; i++) {
            String key = "key-" + i;
            List<String> replicas = snapshot.replicaRing().preferenceList(key, 3).replicas();
            // The replicas are those of the full ring, wherever b sits in them; the UP ring would
            // put the next node clockwise in b's place.
            assertThat(replicas).hasSize(3);
            List<String> reachable = snapshot.ring().preferenceList(key, 3).replicas();
            assertThat(reachable).doesNotContain("b");
            if (!replicas.contains("b")) {
                assertThat(reachable).isEqualTo(replicas);
            }
        }
    }

    @Test
    void withEveryMemberUpBothRingsAreTheSame() {
        MembershipSnapshot snapshot = new MembershipSnapshot(Map.of(
                "a", member("a", MemberState.UP, 0), "b", member("b", MemberState.UP, 1_000)), Instant.EPOCH);
        assertThat(snapshot.replicaRing()).isSameAs(snapshot.ring());
    }
}
