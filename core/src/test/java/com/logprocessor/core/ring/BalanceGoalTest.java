package com.logprocessor.core.ring;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.ring.allocation.BalancedTokenAllocator;
import com.logprocessor.core.ring.allocation.RandomTokenAllocator;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BalanceGoalTest {

    private static Ring ring(com.logprocessor.core.ring.allocation.TokenAllocator allocator, int nodes) {
        Ring ring = Ring.EMPTY;
        for (int n = 1; n <= nodes; n++) {
            ring = ring.with("node-" + n, allocator.allocate(ring, "node-" + n, 150));
        }
        return ring;
    }

    @Test
    void theAllocatorMeetsTheGoalAndRandomTokensDoNot() {
        assertThat(BalanceGoal.isMetByOwnership(ring(new BalancedTokenAllocator(), 5).primaryOwnership())).isTrue();
        assertThat(BalanceGoal.isMetByOwnership(ring(new RandomTokenAllocator(1), 5).primaryOwnership())).isFalse();
    }

    @Test
    void tenThousandRandomKeysOnABalancedRingMeetTheCountGoal() {
        Ring ring = ring(new BalancedTokenAllocator(), 3);
        Map<String, Long> counts = new TreeMap<>();
        for (int i = 0; i < 10_000; i++) {
            counts.merge(ring.ownerOf("10." + (i / 65536) + "." + (i / 256 % 256) + "." + (i % 256)), 1L, Long::sum);
        }
        assertThat(BalanceGoal.allowedCountDeviation(counts)).isBetween(0.06, 0.07);
        assertThat(BalanceGoal.isMetByCounts(counts)).as("counts %s", counts).isTrue();
        assertThat(BalanceGoal.isMetByCounts(Map.of("a", 4000L, "b", 3000L, "c", 3000L))).isFalse();
    }
}
