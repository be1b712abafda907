package com.logprocessor.hints.status;

import java.util.List;

/**
 * Body of {@code GET /api/hints/pending}: unexpired hints waiting, per target node (nodes without
 * any are left out), and in all.
 */
public record PendingReport(long total, List<NodePending> nodes) {

    /** What {@code RingView} says of a node: UP, DOWN (known, not heartbeating) or UNKNOWN (not a member). */
    public enum NodeState { UP, DOWN, UNKNOWN }

    /**
     * @param oldestAgeSeconds age of the node's oldest hint, from when the coordinator created it
     */
    public record NodePending(String node, long pending, double oldestAgeSeconds, NodeState state) {
    }
}
