package com.logprocessor.hints.expiry;

import com.logprocessor.hints.metrics.HintMetrics;
import com.logprocessor.hints.replay.HintProperties;
import com.logprocessor.hints.store.HintStore;
import com.logprocessor.support.antientropy.AntiEntropyClient;
import com.logprocessor.support.antientropy.RepairReason;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes expired hints every {@code hint.expiry.sweep-interval}, in chunks of
 * {@code hint.expiry.sweep-batch} until none is left, counts them per node, and asks anti-entropy
 * to repair each node that lost hints (ahead of its periodic cycle: that node missed writes for
 * sure). Several instances may sweep at once: each deletes rows the others do not hold.
 */
@Component
public class ExpirySweeper {

    private static final Logger log = LoggerFactory.getLogger(ExpirySweeper.class);

    private final HintStore store;
    private final HintMetrics metrics;
    private final HintProperties.Expiry properties;
    private final AntiEntropyClient antiEntropy;

    public ExpirySweeper(HintStore store, HintMetrics metrics, HintProperties properties,
            AntiEntropyClient antiEntropy) {
        this.store = store;
        this.metrics = metrics;
        this.properties = properties.expiry();
        this.antiEntropy = antiEntropy;
    }

    /** Deletes every expired hint now; returns how many per node. */
    public Map<String, Long> sweep() {
        Map<String, Long> total = new TreeMap<>();
        Map<String, Long> chunk;
        do {
            chunk = store.deleteExpired(properties.sweepBatch());
            chunk.forEach((node, count) -> {
                metrics.expired(node, count);
                total.merge(node, count, Long::sum);
            });
        } while (chunk.values().stream().mapToLong(Long::longValue).sum() >= properties.sweepBatch());
        if (!total.isEmpty()) {
            log.info("Deleted expired hints, left to anti-entropy (per node): {}", total);
            total.keySet().forEach(node -> antiEntropy.repairNode(node, RepairReason.HINTS_EXPIRED));
        }
        return total;
    }

    @Scheduled(fixedDelayString = "${hint.expiry.sweep-interval:1m}", initialDelayString = "${hint.expiry.sweep-interval:1m}")
    void scheduledSweep() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("Expiry sweep failed (next one in {}): {}", properties.sweepInterval(), e.toString());
        }
    }
}
