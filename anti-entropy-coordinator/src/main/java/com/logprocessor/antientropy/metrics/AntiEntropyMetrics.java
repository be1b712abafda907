package com.logprocessor.antientropy.metrics;

import com.logprocessor.support.antientropy.RepairJob;
import com.logprocessor.support.antientropy.JobCounts;
import com.logprocessor.support.antientropy.JobKind;
import com.logprocessor.support.antientropy.JobStatus;
import com.logprocessor.antientropy.jobs.JobOutcomes;
import com.logprocessor.antientropy.jobs.JobRun.Count;
import com.logprocessor.antientropy.jobs.JobStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * {@code reconciliation_jobs_completed_total{kind}}, {@code reconciliation_jobs_failed_total{kind}},
 * {@code anti_entropy_entries_repaired_total}, {@code anti_entropy_inconsistencies_detected_total}
 * (stale entry copies and conflicting keys found), {@code anti_entropy_partitions_compared_total},
 * {@code anti_entropy_segments_differing_total}, {@code anti_entropy_cycle_seconds} and
 * {@code anti_entropy_jobs{status}} (the shared queue, as every instance sees it).
 */
@Component
public class AntiEntropyMetrics implements JobOutcomes {

    private static final long JOB_COUNT_MAX_AGE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Map<JobKind, Counter> completed = new EnumMap<>(JobKind.class);
    private final Map<JobKind, Counter> failed = new EnumMap<>(JobKind.class);
    private final Counter repaired;
    private final Counter inconsistencies;
    private final Counter compared;
    private final Counter segments;
    private final Timer cycle;
    private final JobStore store;
    private volatile Map<JobStatus, Long> jobCounts = Map.of();
    private volatile long jobCountsAt;

    public AntiEntropyMetrics(MeterRegistry meters, JobStore store) {
        this.store = store;
        for (JobKind kind : JobKind.values()) {
            completed.put(kind, Counter.builder("reconciliation.jobs.completed").tag("kind", kind.name())
                    .description("Repair jobs completed").register(meters));
            failed.put(kind, Counter.builder("reconciliation.jobs.failed").tag("kind", kind.name())
                    .description("Repair jobs failed for good (after their last attempt)").register(meters));
        }
        repaired = Counter.builder("anti.entropy.entries.repaired")
                .description("Entry copies written to stale replicas and stored by them").register(meters);
        inconsistencies = Counter.builder("anti.entropy.inconsistencies.detected")
                .description("Stale or missing entry copies, and keys holding different ids, found by comparison")
                .register(meters);
        compared = Counter.builder("anti.entropy.partitions.compared")
                .description("Partitions whose replicas were compared").register(meters);
        segments = Counter.builder("anti.entropy.segments.differing")
                .description("Segments whose digests differed between replicas").register(meters);
        cycle = Timer.builder("anti.entropy.cycle")
                .description("From a cycle being planned to its last job settling").register(meters);
        for (JobStatus status : JobStatus.values()) {
            Gauge.builder("anti.entropy.jobs", () -> jobCounts().getOrDefault(status, 0L))
                    .tag("status", status.name()).description("Repair jobs in the shared queue by status")
                    .register(meters);
        }
    }

    @Override
    public void counted(Count count, long n) {
        switch (count) {
            case PARTITIONS_COMPARED -> compared.increment(n);
            case SEGMENTS_DIFFERING -> segments.increment(n);
            case ENTRIES_REPAIRED -> repaired.increment(n);
            // Every stale copy found is streamed; a conflicting key is found but never streamed.
            case ENTRIES_STREAMED, CONFLICTS -> inconsistencies.increment(n);
            default -> {
            }
        }
    }

    @Override
    public void completed(RepairJob job, JobCounts counts) {
        completed.get(job.kind()).increment();
    }

    @Override
    public void failed(JobKind kind) {
        failed.get(kind).increment();
    }

    @Override
    public void cycleFinished(double seconds) {
        cycle.record(Duration.ofNanos((long) (seconds * 1e9)));
    }

    /** Queried at most every two seconds, however often the gauges are scraped. */
    private Map<JobStatus, Long> jobCounts() {
        long now = System.nanoTime();
        if (now - jobCountsAt > JOB_COUNT_MAX_AGE_NANOS) {
            try {
                jobCounts = store.countByStatus();
            } catch (RuntimeException e) {
                // The database is unreachable: keep the last counts.
            }
            jobCountsAt = now;
        }
        return jobCounts;
    }
}
