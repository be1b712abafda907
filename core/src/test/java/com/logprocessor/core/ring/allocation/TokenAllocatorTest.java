package com.logprocessor.core.ring.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.logprocessor.core.ring.BalanceGoal;
import com.logprocessor.core.ring.Ring;
import com.logprocessor.core.token.Token;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TokenAllocatorTest {

    private final BalancedTokenAllocator balanced = new BalancedTokenAllocator();

    private static Ring join(Ring ring, TokenAllocator allocator, String node, int vnodes) {
        return ring.with(node, allocator.allocate(ring, node, vnodes));
    }

    private static double maxRelativeDeviation(Map<String, Double> ownership) {
        return BalanceGoal.maxRelativeDeviation(ownership);
    }

    @ParameterizedTest(name = "{0} vnodes")
    @ValueSource(ints = {150, 256, 64})
    void everyNodeOwnsWithinOnePercentOfTheMeanFromThreeToTwelveNodes(int vnodes) {
        Ring ring = Ring.EMPTY;
        for (int n = 1; n <= 12; n++) {
            ring = join(ring, balanced, "node-" + n, vnodes);
            if (n >= 3) {
                assertThat(maxRelativeDeviation(ring.primaryOwnership()))
                        .as("max deviation from the mean with %d nodes", n)
                        .isLessThanOrEqualTo(0.01);
            }
        }
    }

    @Test
    void replicatedOwnershipStaysWithinFivePercentOfTheMeanAtRfThree() {
        Ring ring = Ring.EMPTY;
        for (int n = 1; n <= 12; n++) {
            ring = join(ring, balanced, "node-" + n, 150);
            assertThat(maxRelativeDeviation(ring.replicatedOwnership(3)))
                    .as("max deviation of replicated ownership with %d nodes", n)
                    .isLessThanOrEqualTo(0.05);
        }
    }

    @Test
    void aJoiningNodeTakesAtMostOnePointZeroFiveTimesItsIdealShare() {
        Ring ring = Ring.EMPTY;
        for (int n = 0; n < 16; n++) {
            String node = "node-" + n;
            ring = join(ring, balanced, node, 150);
            double ideal = 1.0 / (n + 1);
            assertThat(ring.primaryOwnership().get(node)).as("share of node %d", n).isLessThanOrEqualTo(1.05 * ideal);
        }
    }

    @Test
    void tokensAreDistinctFreshAndAsManyAsAsked() {
        Ring ring = Ring.EMPTY;
        for (int n = 0; n < 6; n++) {
            long[] tokens = balanced.allocate(ring, "node-" + n, 150);
            assertThat(tokens).hasSize(150);
            assertThat(Arrays.stream(tokens).distinct().count()).isEqualTo(150);
            assertThat(tokens).isSorted();
            for (long t : tokens) {
                assertThat(t).isBetween(0L, Token.MAX);
                if (!ring.isEmpty()) {
                    assertThat(ring.tokenAt(ring.indexOf(t))).isNotEqualTo(t);
                }
            }
            ring = ring.with("node-" + n, tokens);
        }
    }

    @Test
    void allocationIsDeterministic() {
        Ring ring = join(join(Ring.EMPTY, balanced, "a", 150), balanced, "b", 150);
        assertThat(balanced.allocate(ring, "c", 150)).containsExactly(balanced.allocate(ring, "c", 150));
    }

    @Test
    void aNodeRejoiningWithItsTokensRestoresTheBalance() {
        Ring ring = Ring.EMPTY;
        for (int n = 1; n <= 5; n++) {
            ring = join(ring, balanced, "node-" + n, 150);
        }
        long[] kept = ring.tokensOf("node-3");
        Ring degraded = ring.without("node-3");
        assertThat(maxRelativeDeviation(degraded.primaryOwnership())).isGreaterThan(0.01);
        assertThat(maxRelativeDeviation(degraded.with("node-3", kept).primaryOwnership())).isLessThanOrEqualTo(0.01);
    }

    @Test
    void aJoinAfterALeaveRebalancesTowardsTheSurplusNodes() {
        Ring ring = Ring.EMPTY;
        for (int n = 1; n <= 4; n++) {
            ring = join(ring, balanced, "node-" + n, 150);
        }
        Ring degraded = ring.without("node-2");
        Ring rejoined = join(degraded, balanced, "node-5", 150);
        // The newcomer can only take from nodes above their share: it halves the spread or better.
        assertThat(maxRelativeDeviation(rejoined.primaryOwnership()))
                .isLessThan(maxRelativeDeviation(degraded.primaryOwnership()) / 2);
        assertThat(rejoined.primaryOwnership().get("node-5")).isCloseTo(0.25, within(0.0025));
    }

    @ParameterizedTest(name = "{0} vnodes")
    @ValueSource(ints = {1, 2, 3, 7})
    void fewVnodesStillYieldValidTokens(int vnodes) {
        Ring ring = Ring.EMPTY;
        for (int n = 0; n < 8; n++) {
            long[] tokens = balanced.allocate(ring, "node-" + n, vnodes);
            assertThat(tokens).hasSize(vnodes).doesNotHaveDuplicates();
            ring = ring.with("node-" + n, tokens);
        }
        assertThat(ring.tokenCount()).isEqualTo(8 * vnodes);
    }

    @Test
    void nodesWithMoreTokensGetAProportionalShare() {
        Ring ring = join(join(Ring.EMPTY, balanced, "small", 100), balanced, "big", 200);
        ring = join(ring, balanced, "medium", 150);
        Map<String, Double> own = ring.primaryOwnership();
        assertThat(own.get("big") / own.get("small")).isBetween(1.98, 2.02);
        assertThat(own.get("medium") / own.get("small")).isBetween(1.48, 1.52);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("com.logprocessor.core.Seeds#seeds")
    void randomTokensAreDistinctAndFresh(long seed) {
        RandomTokenAllocator random = new RandomTokenAllocator(seed);
        Ring ring = Ring.EMPTY;
        for (int n = 0; n < 4; n++) {
            long[] tokens = random.allocate(ring, "node-" + n, 150);
            assertThat(tokens).hasSize(150).doesNotHaveDuplicates().isSorted();
            ring = ring.with("node-" + n, tokens); // throws if a token was already taken
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("com.logprocessor.core.Seeds#seeds")
    void predictedOwnershipChangesMatchARecomputation(long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        Ring ring = Ring.EMPTY;
        RandomTokenAllocator random = new RandomTokenAllocator(seed);
        int nodes = 1 + r.nextInt(6);
        for (int n = 0; n < nodes; n++) {
            ring = join(ring, random, "node-" + n, 1 + r.nextInt(20));
        }
        java.util.List<String> ids = new java.util.ArrayList<>(ring.nodes());
        ids.add("joining");
        int rf = 1 + r.nextInt(4);
        RingLayout layout = new RingLayout(ring, ids, ids.size() - 1, Math.min(rf, ids.size()), ring.tokenCount() + 10);
        for (int step = 0; step < 10; step++) {
            int i = r.nextInt(layout.size);
            if (layout.ownerAt(i) == layout.joining || layout.rangeSize(i) < 2) {
                continue;
            }
            long cut = 1 + r.nextLong(layout.rangeSize(i) - 1);
            layout.evaluate(i, cut);
            double[] expectedPrimary = layout.primary.clone();
            double[] expectedReplicated = layout.replicated.clone();
            for (int k = 0; k < layout.nodes; k++) {
                expectedPrimary[k] += layout.primaryDelta[k];
                expectedReplicated[k] += layout.replicatedDelta[k];
            }
            layout.insert(i, cut);
            assertThat(layout.primary).containsExactly(expectedPrimary, org.assertj.core.data.Offset.offset(1e-3));
            assertThat(layout.replicated).containsExactly(expectedReplicated, org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    @Test
    void allocatorsAreChosenByName() {
        assertThat(TokenAllocator.named("balanced", 3)).isInstanceOf(BalancedTokenAllocator.class);
        assertThat(TokenAllocator.named(" Random ", 3)).isInstanceOf(RandomTokenAllocator.class);
        assertThatThrownBy(() -> TokenAllocator.named("md5", 3)).hasMessageContaining("unknown token allocator");
        assertThatThrownBy(() -> balanced.allocate(Ring.EMPTY, "a", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
