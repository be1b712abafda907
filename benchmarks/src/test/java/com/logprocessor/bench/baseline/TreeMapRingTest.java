package com.logprocessor.bench.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.bench.support.Keys;
import com.logprocessor.bench.support.Rings;
import com.logprocessor.core.ring.Ring;
import com.logprocessor.core.ring.allocation.BalancedTokenAllocator;
import com.logprocessor.core.token.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both rings the routing benchmark compares are real rings: they agree with a naive scan. */
class TreeMapRingTest {

    private static final String[] KEYS = Keys.ipv4(2_000, 7);

    /** A vnode: a token and its physical node. */
    private record VNode(long token, String node) {
    }

    /** Every vnode, sorted by token: the ring written out as a plain list. */
    private static List<VNode> vnodes(Map<String, List<Long>> tokensByNode) {
        List<VNode> out = new ArrayList<>();
        tokensByNode.forEach((node, tokens) -> tokens.forEach(t -> out.add(new VNode(t, node))));
        out.sort(Comparator.comparingLong(VNode::token));
        return out;
    }

    /** The first {@code rf} distinct nodes from the first vnode at or after the key's token, by linear scan. */
    private static List<String> naivePreferenceList(List<VNode> ring, String key, int rf) {
        long token = Token.hash(key);
        int start = 0;
        while (start < ring.size() && ring.get(start).token() < token) {
            start++;
        }
        List<String> replicas = new ArrayList<>();
        for (int step = 0; step < ring.size() && replicas.size() < rf; step++) {
            String node = ring.get((start + step) % ring.size()).node();
            if (!replicas.contains(node)) {
                replicas.add(node);
            }
        }
        return replicas;
    }

    private static TreeMapRing treeMapRing(int nodes) {
        TreeMapRing ring = new TreeMapRing(Rings.DEFAULT_VNODES);
        for (int n = 1; n <= nodes; n++) {
            ring.addNode(Rings.nodeId(n));
        }
        return ring;
    }

    private static Map<String, List<Long>> tokensOf(TreeMapRing ring) {
        return ring.tokens().entrySet().stream().collect(Collectors.groupingBy(
                Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
    }

    @ParameterizedTest(name = "{0} nodes")
    @ValueSource(ints = {1, 3, 12})
    void theBaselineAgreesWithANaiveScan(int nodes) {
        TreeMapRing ring = treeMapRing(nodes);
        List<VNode> naive = vnodes(tokensOf(ring));
        assertThat(ring.nodeCount()).isEqualTo(nodes);
        assertThat(ring.tokenCount()).isEqualTo(nodes * Rings.DEFAULT_VNODES);
        for (String key : KEYS) {
            assertThat(ring.ownerOf(key)).as(key).isEqualTo(naivePreferenceList(naive, key, 1).get(0));
            assertThat(ring.preferenceList(key, 3)).as(key).isEqualTo(naivePreferenceList(naive, key, 3));
        }
    }

    @ParameterizedTest(name = "{0} nodes")
    @ValueSource(ints = {1, 3, 12})
    void ourRingAgreesWithANaiveScan(int nodes) {
        Ring ring = Rings.joinOneByOne(new BalancedTokenAllocator(), nodes, Rings.DEFAULT_VNODES);
        List<VNode> naive = vnodes(ring.tokensByNode());
        for (String key : KEYS) {
            assertThat(ring.ownerOf(key)).as(key).isEqualTo(naivePreferenceList(naive, key, 1).get(0));
            assertThat(ring.preferenceList(key, 3).replicas()).as(key).isEqualTo(naivePreferenceList(naive, key, 3));
        }
    }

    @Test
    void onTheSameTokensBothRingsRouteEveryKeyAlike() {
        TreeMapRing baseline = treeMapRing(12);
        Ring ring = Ring.of(tokensOf(baseline));
        for (String key : KEYS) {
            assertThat(ring.ownerOf(key)).as(key).isEqualTo(baseline.ownerOf(key));
            assertThat(ring.preferenceList(key, 3).replicas()).as(key).isEqualTo(baseline.preferenceList(key, 3));
        }
    }

    @Test
    void tokensAtTheEdgesOfTheSpaceWrapAround() {
        TreeMapRing baseline = treeMapRing(3);
        long first = baseline.tokens().firstKey();
        long last = baseline.tokens().lastKey();
        Ring ring = Ring.of(tokensOf(baseline));
        // A token past the last vnode wraps to the first; a vnode's own token belongs to it.
        assertThat(ring.ownerOfToken(last + 1)).isEqualTo(baseline.tokens().get(first));
        assertThat(ring.ownerOfToken(first)).isEqualTo(baseline.tokens().get(first));
        assertThat(ring.ownerOfToken(last)).isEqualTo(baseline.tokens().get(last));
    }

    @Test
    void anEmptyRingOwnsNothing() {
        TreeMapRing ring = new TreeMapRing(150);
        assertThat(ring.ownerOf("10.0.0.1")).isNull();
        assertThat(ring.preferenceList("10.0.0.1", 3)).isEmpty();
    }
}
