package com.logprocessor.core.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.logprocessor.core.token.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RingTest {

    /** A random ring of 1 to 12 nodes with 1 to 200 random tokens each. */
    static Ring randomRing(SplittableRandom r) {
        int nodes = 1 + r.nextInt(12);
        Map<String, List<Long>> byNode = new TreeMap<>();
        Set<Long> used = new HashSet<>();
        for (int n = 0; n < nodes; n++) {
            int count = 1 + r.nextInt(200);
            List<Long> ts = new ArrayList<>();
            while (ts.size() < count) {
                long t = r.nextInt(10) == 0 ? r.nextInt(4) : r.nextLong(Token.SPACE); // edges too
                if (used.add(t)) {
                    ts.add(t);
                }
            }
            byNode.put("node-" + n, ts);
        }
        return Ring.of(byNode);
    }

    /** The reference: scan every token and take the smallest one at or after the key's token. */
    static String naiveOwner(Ring ring, long token) {
        Map<String, List<Long>> byNode = ring.tokensByNode();
        String best = null;
        long bestToken = Long.MAX_VALUE;
        String lowest = null;
        long lowestToken = Long.MAX_VALUE;
        for (Map.Entry<String, List<Long>> e : byNode.entrySet()) {
            for (long t : e.getValue()) {
                if (t >= token && t < bestToken) {
                    bestToken = t;
                    best = e.getKey();
                }
                if (t < lowestToken) {
                    lowestToken = t;
                    lowest = e.getKey();
                }
            }
        }
        return best != null ? best : lowest;
    }

    static List<String> naivePreferenceList(Ring ring, long token, int rf) {
        TreeMap<Long, String> byToken = new TreeMap<>();
        ring.tokensByNode().forEach((node, ts) -> ts.forEach(t -> byToken.put(t, node)));
        LinkedHashSet<String> out = new LinkedHashSet<>();
        List<String> clockwise = new ArrayList<>(byToken.tailMap(token, true).values());
        clockwise.addAll(byToken.headMap(token, false).values());
        for (String node : clockwise) {
            if (out.size() < rf) {
                out.add(node);
            }
        }
        return List.copyOf(out);
    }

    static long randomProbe(SplittableRandom r, Ring ring) {
        return switch (r.nextInt(4)) {
            case 0 -> ring.tokenAt(r.nextInt(ring.tokenCount())); // exactly on a token
            case 1 -> Math.min(Token.MAX, ring.tokenAt(r.nextInt(ring.tokenCount())) + 1);
            case 2 -> r.nextBoolean() ? 0 : Token.MAX;
            default -> r.nextLong(Token.SPACE);
        };
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("com.logprocessor.core.Seeds#seeds")
    void lookupEqualsANaiveLinearScan(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Ring ring = randomRing(r);
        for (int i = 0; i < 500; i++) {
            long token = randomProbe(r, ring);
            assertThat(ring.ownerOfToken(token)).as("owner of token %d", token).isEqualTo(naiveOwner(ring, token));
        }
        String key = "key-" + r.nextLong();
        assertThat(ring.ownerOf(key)).isEqualTo(naiveOwner(ring, Token.hash(key)));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("com.logprocessor.core.Seeds#seeds")
    void preferenceListsHoldRfDistinctNodesInRingOrder(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Ring ring = randomRing(r);
        for (int i = 0; i < 200; i++) {
            long token = randomProbe(r, ring);
            int rf = 1 + r.nextInt(8);
            PreferenceList list = ring.preferenceListOfToken(token, rf);
            assertThat(list.size()).isEqualTo(Math.min(rf, ring.nodeCount()));
            assertThat(new HashSet<>(list.replicas())).hasSize(list.size());
            assertThat(list.primary()).isEqualTo(ring.ownerOfToken(token));
            assertThat(list.replicas()).isEqualTo(naivePreferenceList(ring, token, rf));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("com.logprocessor.core.Seeds#seeds")
    void removingANodeMovesOnlyTheKeysItOwned(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Ring ring = randomRing(r);
        String removed = "node-" + r.nextInt(ring.nodeCount());
        Ring smaller = ring.without(removed);
        for (int i = 0; i < 2000; i++) {
            String key = "k" + r.nextLong();
            String before = ring.ownerOf(key);
            String after = smaller.ownerOf(key);
            if (!before.equals(removed)) {
                assertThat(after).as("key %s not owned by %s must stay", key, removed).isEqualTo(before);
            } else if (!smaller.isEmpty()) {
                assertThat(after).isNotEqualTo(removed);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("com.logprocessor.core.Seeds#seeds")
    void addingANodeMovesKeysOnlyToIt(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Ring ring = randomRing(r);
        long[] fresh = r.longs(1 + r.nextInt(150), 0, Token.SPACE).distinct()
                .filter(t -> ring.tokenAt(ring.indexOf(t)) != t) // not already a ring token
                .toArray();
        Ring bigger = ring.with("newcomer", fresh);
        for (int i = 0; i < 2000; i++) {
            String key = "k" + r.nextLong();
            String after = bigger.ownerOf(key);
            if (!after.equals("newcomer")) {
                assertThat(after).isEqualTo(ring.ownerOf(key));
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("com.logprocessor.core.Seeds#seeds")
    void ownershipAddsUp(long seed) {
        Ring ring = randomRing(new SplittableRandom(seed));
        assertThat(ring.primaryOwnership().values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(1.0, within(1e-9));
        for (int rf = 1; rf <= 4; rf++) {
            assertThat(ring.replicatedOwnership(rf).values().stream().mapToDouble(Double::doubleValue).sum())
                    .isCloseTo(Math.min(rf, ring.nodeCount()), within(1e-9));
        }
    }

    @Test
    void anEmptyRingOwnsNothing() {
        assertThat(Ring.EMPTY.ownerOf("x")).isNull();
        assertThat(Ring.EMPTY.preferenceList("x", 3)).isEqualTo(PreferenceList.EMPTY);
        assertThat(Ring.EMPTY.isEmpty()).isTrue();
        assertThat(Ring.EMPTY.primaryOwnership()).isEmpty();
    }

    @Test
    void aSingleTokenOwnsTheWholeSpace() {
        Ring ring = Ring.EMPTY.with("a", new long[] {42});
        assertThat(ring.ownerOf("anything")).isEqualTo("a");
        assertThat(ring.primaryOwnership()).containsEntry("a", 1.0);
        assertThat(ring.preferenceList("k", 3).replicas()).containsExactly("a");
    }

    @Test
    void rangesRunFromThePreviousTokenExclusiveToTheOwnerInclusive() {
        Ring ring = Ring.of(Map.of("a", List.of(100L), "b", List.of(200L)));
        assertThat(ring.ownerOfToken(100)).isEqualTo("a");
        assertThat(ring.ownerOfToken(101)).isEqualTo("b");
        assertThat(ring.ownerOfToken(200)).isEqualTo("b");
        assertThat(ring.ownerOfToken(201)).isEqualTo("a"); // wraps
        assertThat(ring.ownerOfToken(0)).isEqualTo("a");
        assertThat(ring.primaryOwnership().get("b")).isCloseTo(100.0 / Token.SPACE, within(1e-15));
    }

    @Test
    void aTokenClaimedTwiceIsRejected() {
        assertThatThrownBy(() -> Ring.of(Map.of("a", List.of(5L), "b", List.of(5L))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("claimed by both");
        assertThatThrownBy(() -> Ring.of(Map.of("a", List.of(Token.SPACE))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withReplacesANodesTokensAndWithoutRemovesThem() {
        Ring ring = Ring.of(Map.of("a", List.of(1L, 2L), "b", List.of(3L)));
        Ring moved = ring.with("a", new long[] {10, 20});
        assertThat(moved.tokensOf("a")).containsExactly(10, 20);
        assertThat(moved.tokenCount()).isEqualTo(3);
        assertThat(moved.without("a").nodes()).containsExactly("b");
        assertThat(ring.without("zzz")).isSameAs(ring);
        assertThat(ring.tokensOf("a")).containsExactly(1, 2); // the old snapshot is untouched
    }

    @Test
    void aZeroReplicationFactorIsRejected() {
        Ring ring = Ring.of(Map.of("a", List.of(1L)));
        assertThatThrownBy(() -> ring.preferenceList("k", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
