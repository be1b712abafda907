package com.logprocessor.hints.status;

import com.logprocessor.hints.metrics.HintMetrics;
import com.logprocessor.hints.store.HintStore;
import com.logprocessor.hints.store.PendingNode;
import com.logprocessor.support.membership.RingView;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Recounts {@code hints_pending{node}} from PostgreSQL every {@code hint.pending.refresh-interval}
 * rather than on each scrape: a count over the table is not free, and scrapes (one per Prometheus,
 * per instance) should not decide how often it runs. Every ring member is shown, with 0 when it
 * has no hints, so a dashboard sees a node's backlog drain to 0.
 */
@Component
public class PendingHintsGauge {

    private static final Logger log = LoggerFactory.getLogger(PendingHintsGauge.class);

    private final HintStore store;
    private final HintMetrics metrics;
    private final RingView ringView;

    public PendingHintsGauge(HintStore store, HintMetrics metrics, RingView ringView) {
        this.store = store;
        this.metrics = metrics;
        this.ringView = ringView;
    }

    /** Recounts now. */
    public void refresh() {
        Map<String, Long> counts = new HashMap<>();
        ringView.snapshot().members().keySet().forEach(node -> counts.put(node, 0L));
        for (PendingNode p : store.pending()) {
            counts.put(p.node(), p.pending());
        }
        metrics.pending(counts);
    }

    @Scheduled(fixedDelayString = "${hint.pending.refresh-interval:5s}")
    void scheduledRefresh() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Could not count pending hints (keeping the last count): {}", e.toString());
        }
    }
}
