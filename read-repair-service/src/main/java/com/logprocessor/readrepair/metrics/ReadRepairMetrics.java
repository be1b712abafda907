package com.logprocessor.readrepair.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The service's meters, and the same counts as running totals for {@code /api/read-repair/stats}.
 * Counts are this instance's since it started (Prometheus sums instances). As exported:
 * <ul>
 *   <li>{@code read_repairs_completed_total{outcome}}: requests done with every UP replica holding
 *       the newest copy: {@code repaired} (copies were written), {@code consistent} (nothing was
 *       stale any more), {@code absent} (no replica holds the entry: nothing to repair)</li>
 *   <li>{@code read_repairs_failed_total{reason}}: requests not done: {@code unreachable} (an UP
 *       replica did not answer the read or the write), {@code conflict} (a replica holds another
 *       entry at that key and sequence), {@code unreadable} (a record that is not a request:
 *       skipped), {@code error} (anything else). Left to later reads and anti-entropy</li>
 *   <li>{@code read_repairs_collapsed_total}: requests not repaired because they duplicate one in
 *       the same batch, or an entry made consistent within {@code read-repair.dedup-window}</li>
 *   <li>{@code read_repair_replicas_written_total}: copies written to stale replicas</li>
 *   <li>{@code read_repair_replicas_down_total}: replicas of repaired entries skipped because they
 *       are DOWN (hinted handoff and anti-entropy cover them)</li>
 *   <li>{@code read_repair_seconds}: one entry's repair, re-read to last write (p50, p99)</li>
 * </ul>
 */
@Component
public class ReadRepairMetrics {

    public static final String REPAIRED = "repaired";
    public static final String CONSISTENT = "consistent";
    public static final String ABSENT = "absent";

    public static final String UNREACHABLE = "unreachable";
    public static final String CONFLICT = "conflict";
    public static final String UNREADABLE = "unreadable";
    public static final String ERROR = "error";

    private final MeterRegistry registry;
    private final Counter collapsedCounter;
    private final Counter writtenCounter;
    private final Counter downCounter;
    private final Timer repairTimer;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong collapsed = new AtomicLong();
    private final AtomicLong replicasWritten = new AtomicLong();

    public ReadRepairMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Registered up front, so every series exists at 0 before the first repair (rate() needs it).
        List.of(REPAIRED, CONSISTENT, ABSENT).forEach(this::completedCounter);
        List.of(UNREACHABLE, CONFLICT, UNREADABLE, ERROR).forEach(this::failedCounter);
        this.collapsedCounter = Counter.builder("read.repairs.collapsed")
                .description("Read-repair requests collapsed into another repair of the same entry")
                .register(registry);
        this.writtenCounter = Counter.builder("read.repair.replicas.written")
                .description("Copies written to stale replicas by read repair")
                .register(registry);
        this.downCounter = Counter.builder("read.repair.replicas.down")
                .description("Replicas skipped by read repair because they are DOWN (left to hints and anti-entropy)")
                .register(registry);
        this.repairTimer = Timer.builder("read.repair")
                .description("One entry's read repair: re-read of its UP replicas to the last write")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    /** Running totals of this instance since it started. */
    public record Totals(long completed, long failed, long collapsed, long replicasWritten) {
    }

    public void completed(String outcome) {
        completedCounter(outcome).increment();
        completed.incrementAndGet();
    }

    public void failed(String reason) {
        failedCounter(reason).increment();
        failed.incrementAndGet();
    }

    public void collapsed(int count) {
        if (count > 0) {
            collapsedCounter.increment(count);
            collapsed.addAndGet(count);
        }
    }

    public void replicasWritten(int count) {
        if (count > 0) {
            writtenCounter.increment(count);
            replicasWritten.addAndGet(count);
        }
    }

    public void replicasDown(int count) {
        if (count > 0) {
            downCounter.increment(count);
        }
    }

    public Timer repairTimer() {
        return repairTimer;
    }

    public Totals totals() {
        return new Totals(completed.get(), failed.get(), collapsed.get(), replicasWritten.get());
    }

    private Counter completedCounter(String outcome) {
        return Counter.builder("read.repairs.completed")
                .description("Read-repair requests done: every UP replica holds the newest copy, or none holds it")
                .tag("outcome", outcome)
                .register(registry);
    }

    private Counter failedCounter(String reason) {
        return Counter.builder("read.repairs.failed")
                .description("Read-repair requests not done (left to later reads and anti-entropy)")
                .tag("reason", reason)
                .register(registry);
    }
}
