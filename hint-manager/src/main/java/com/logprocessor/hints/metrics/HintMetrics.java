package com.logprocessor.hints.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The hint manager's meters, and the same counts as running totals for {@code /api/hints/stats}.
 * Counters are this instance's, since it started (Prometheus sums instances); the pending gauge
 * is the database's count, the same from every instance.
 *
 * <ul>
 *   <li>{@code hints_stored_total{node}}: hints newly stored (a newer version replacing a stored
 *       hint of the same entry is not a new hint). Not {@code hints_created_total}: {@code _created}
 *       is a reserved suffix in OpenMetrics (a counter's creation time), and the Prometheus client
 *       strips it, which would export the counter as {@code hints_total}</li>
 *   <li>{@code hints_replayed_total{node}}: hints a node took (stored, or already had)</li>
 *   <li>{@code hints_expired_total{node}}: hints deleted unsent because they outlived {@code hint.expiry.hours}</li>
 *   <li>{@code hints_failed_total{node,reason}}: hints given up: {@code max-retries} (their last
 *       attempt failed) or {@code conflict} (the node holds another entry at that key and sequence)</li>
 *   <li>{@code hints_rejected_total{reason}}: records on the hints topic that are not a usable hint
 *       ({@code undecodable}, {@code invalid}, {@code no-target}); skipped</li>
 *   <li>{@code hints_pending{node}}: unexpired hints waiting, refreshed from PostgreSQL every
 *       {@code hint.pending.refresh-interval}</li>
 *   <li>{@code hint_replay_batch_seconds{node,outcome}}: one claimed batch: claim, send, settle</li>
 * </ul>
 */
@Component
public class HintMetrics {

    public static final String MAX_RETRIES = "max-retries";
    public static final String CONFLICT = "conflict";
    private static final String REPLAYED = "Hints delivered to their node";
    private static final String EXPIRED = "Hints deleted unsent because they expired (left to anti-entropy)";

    private final MeterRegistry registry;
    private final Clock clock;
    private final Instant since;
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final RateWindow replayRate;
    private final Map<String, AtomicLong> pendingByNode = new ConcurrentHashMap<>();

    public HintMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.since = clock.instant();
        this.replayRate = new RateWindow(clock.millis());
    }

    /** Running totals of this instance since it started. */
    public record Totals(Instant since, long created, long replayed, long expired, long failed, long rejected,
                         double replayRatePerSecond) {
    }

    public void created(String node, long count) {
        if (count > 0) {
            counter("hints.stored", "Hints newly stored", node).increment(count);
            created.addAndGet(count);
            // What can happen to them, from their first: dashboards show 0, not "no data".
            counter("hints.replayed", REPLAYED, node);
            counter("hints.expired", EXPIRED, node);
            failedCounter(node, MAX_RETRIES);
            failedCounter(node, CONFLICT);
        }
    }

    public void replayed(String node, long count) {
        if (count > 0) {
            counter("hints.replayed", REPLAYED, node).increment(count);
            replayed.addAndGet(count);
            replayRate.add(count, clock.millis());
        }
    }

    public void expired(String node, long count) {
        if (count > 0) {
            counter("hints.expired", EXPIRED, node).increment(count);
            expired.addAndGet(count);
        }
    }

    public void failed(String node, String reason, long count) {
        if (count > 0) {
            failedCounter(node, reason).increment(count);
            failed.addAndGet(count);
        }
    }

    public void rejected(String reason, long count) {
        if (count > 0) {
            Counter.builder("hints.rejected")
                    .description("Records on the hints topic that are not a usable hint (skipped)")
                    .tag("reason", reason)
                    .register(registry).increment(count);
            rejected.addAndGet(count);
        }
    }

    /** The timer of one replay batch to {@code node} that ended with {@code outcome}. */
    public Timer replayBatch(String node, String outcome) {
        return Timer.builder("hint.replay.batch")
                .description("One replay batch: claim the hints, send them to the node, settle the rows")
                .tag("node", node).tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }

    /**
     * Sets {@code hints_pending{node}}: the given counts, and 0 for every node counted before but
     * absent now (a node whose hints drained shows 0 rather than vanishing).
     */
    public void pending(Map<String, Long> byNode) {
        byNode.forEach((node, count) -> pendingGauge(node).set(count));
        pendingByNode.forEach((node, value) -> {
            if (!byNode.containsKey(node)) {
                value.set(0);
            }
        });
    }

    public Totals totals() {
        return new Totals(since, created.get(), replayed.get(), expired.get(), failed.get(), rejected.get(),
                replayRate.perSecond(clock.millis()));
    }

    private AtomicLong pendingGauge(String node) {
        return pendingByNode.computeIfAbsent(node, n -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("hints.pending", value, AtomicLong::get)
                    .description("Unexpired hints waiting for their node (from PostgreSQL, every instance alike)")
                    .tag("node", n)
                    .register(registry);
            return value;
        });
    }

    private Counter failedCounter(String node, String reason) {
        return Counter.builder("hints.failed")
                .description("Hints given up on: out of attempts, or refused for good (left to anti-entropy)")
                .tag("node", node).tag("reason", reason)
                .register(registry);
    }

    private Counter counter(String name, String description, String node) {
        return Counter.builder(name).description(description).tag("node", node).register(registry);
    }
}
