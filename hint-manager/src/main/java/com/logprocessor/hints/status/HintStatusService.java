package com.logprocessor.hints.status;

import com.logprocessor.core.membership.Member;
import com.logprocessor.core.membership.MemberState;
import com.logprocessor.core.membership.MembershipSnapshot;
import com.logprocessor.hints.metrics.HintMetrics;
import com.logprocessor.hints.store.HintStore;
import com.logprocessor.hints.store.PendingNode;
import com.logprocessor.hints.status.PendingReport.NodePending;
import com.logprocessor.hints.status.PendingReport.NodeState;
import com.logprocessor.support.membership.RingView;
import java.util.List;
import org.springframework.stereotype.Service;

/** Builds the status reports from the table (fresh on each request), the ring view and the counters. */
@Service
public class HintStatusService {

    private final HintStore store;
    private final HintMetrics metrics;
    private final RingView ringView;

    public HintStatusService(HintStore store, HintMetrics metrics,
                             RingView ringView) {
        this.store = store;
        this.metrics = metrics;
        this.ringView = ringView;
    }

    public PendingReport pending() {
        MembershipSnapshot ring = ringView.snapshot();
        List<NodePending> nodes = store.pending().stream()
                .map(p -> new NodePending(p.node(), p.pending(), Math.round(p.oldestAgeSeconds() * 1000) / 1000d,
                        state(ring, p.node())))
                .toList();
        return new PendingReport(nodes.stream().mapToLong(NodePending::pending).sum(), nodes);
    }

    public HintStats stats() {
        HintMetrics.Totals t = metrics.totals();
        long pending = store.pending().stream().mapToLong(PendingNode::pending).sum();
        return new HintStats(t.since(), t.created(), t.replayed(), t.expired(), t.failed(), t.rejected(), pending,
                Math.round(t.replayRatePerSecond() * 100) / 100d);
    }

    private static NodeState state(MembershipSnapshot ring, String node) {
        return ring.member(node).map(Member::state)
                .map(s -> s == MemberState.UP ? NodeState.UP : NodeState.DOWN)
                .orElse(NodeState.UNKNOWN);
    }
}
