package com.logprocessor.bench.support;

import com.logprocessor.core.ring.Ring;
import com.logprocessor.core.ring.allocation.TokenAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/** Rings grown the way a cluster grows: nodes {@code node-1}, {@code node-2} … joining one by one. */
public final class Rings {

    /** Virtual nodes per physical node, the design's default ({@code ring.vnodes}). */
    public static final int DEFAULT_VNODES = 150;

    private Rings() {
    }

    /** The id of the {@code n}-th node to join (1-based). */
    public static String nodeId(int n) {
        return "node-" + n;
    }

    /** A ring of {@code nodes} nodes joined one by one, each taking the tokens the allocator gives it. */
    public static Ring joinOneByOne(TokenAllocator allocator, int nodes, int vnodes) {
        return growth(allocator, nodes, vnodes, n -> { }).get(nodes - 1);
    }

    /**
     * Every stage of a growing ring: element {@code n - 1} holds nodes 1..n. {@code progress} is told
     * the node count after each join.
     */
    public static List<Ring> growth(TokenAllocator allocator, int nodes, int vnodes, IntConsumer progress) {
        List<Ring> stages = new ArrayList<>(nodes);
        Ring ring = Ring.EMPTY;
        for (int n = 1; n <= nodes; n++) {
            String node = nodeId(n);
            ring = ring.with(node, allocator.allocate(ring, node, vnodes));
            stages.add(ring);
            progress.accept(n);
        }
        return stages;
    }
}
