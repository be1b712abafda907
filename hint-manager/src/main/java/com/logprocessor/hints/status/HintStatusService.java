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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/** Builds the status reports from the table (fresh on each request), the ring view and the counters. */
@Service
public class HintStatusService {

    private static final Logger log = LoggerFactory.getLogger(HintStatusService.class);

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
        List<NodePending> nodes = pendingRows().stream()
                .map(p -> new NodePending(p.node(), p.pending(), Math.round(p.oldestAgeSeconds() * 1000) / 1000d,
                        state(ring, p.node())))
                .toList();
        return new PendingReport(nodes.stream().mapToLong(NodePending::pending).sum(), nodes);
    }

    public HintStats stats() {
        HintMetrics.Totals t = metrics.totals();
        long pending = pendingRows().stream().mapToLong(PendingNode::pending).sum();
        return new HintStats(t.since(), t.created(), t.replayed(), t.expired(), t.failed(), t.rejected(), pending,
                Math.round(t.replayRatePerSecond() * 100) / 100d);
    }

    /** The table's answer, or a 503 problem when PostgreSQL cannot give one. */
    private List<PendingNode> pendingRows() {
        try {
            return store.pending();
        } catch (DataAccessException e) {
            log.warn("The hints database did not answer: {}", e.toString());
            throw new HintsDatabaseUnavailableException(e);
        }
    }

    private static NodeState state(MembershipSnapshot ring, String node) {
        return ring.member(node).map(Member::state)
                .map(s -> s == MemberState.UP ? NodeState.UP : NodeState.DOWN)
                .orElse(NodeState.UNKNOWN);
    }
}
