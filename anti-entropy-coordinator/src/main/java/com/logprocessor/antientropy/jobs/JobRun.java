package com.logprocessor.antientropy.jobs;

import com.logprocessor.support.antientropy.RepairJob;
import com.logprocessor.support.antientropy.JobCounts;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A job while this instance runs it: counts as they grow (saved with every lease renewal, so the
 * jobs API shows progress, and passed on to {@link JobOutcomes#counted} for the metrics), and
 * whether the lease was lost, in which case the run must stop.
 */
public final class JobRun {

    /** What a run counts; see {@link JobCounts} for each one's meaning. */
    public enum Count {
        PARTITIONS_COMPARED, PARTITIONS_DIFFERING, SEGMENTS_DIFFERING, ENTRIES_STREAMED, ENTRIES_REPAIRED,
        CONFLICTS, REPLICAS_UNAVAILABLE
    }

    private final RepairJob job;
    private final JobOutcomes outcomes;
    private final AtomicLongArray counts = new AtomicLongArray(Count.values().length);
    private volatile boolean leaseLost;

    public JobRun(RepairJob job, JobOutcomes outcomes) {
        this.job = job;
        this.outcomes = outcomes;
    }

    public RepairJob job() {
        return job;
    }

    public void add(Count count, long n) {
        if (n != 0) {
            counts.addAndGet(count.ordinal(), n);
            outcomes.counted(count, n);
        }
    }

    public JobCounts counts() {
        return new JobCounts(get(Count.PARTITIONS_COMPARED), get(Count.PARTITIONS_DIFFERING),
                get(Count.SEGMENTS_DIFFERING), get(Count.ENTRIES_STREAMED), get(Count.ENTRIES_REPAIRED),
                get(Count.CONFLICTS), get(Count.REPLICAS_UNAVAILABLE));
    }

    private long get(Count count) {
        return counts.get(count.ordinal());
    }

    void loseLease() {
        leaseLost = true;
    }

    /** Throws once another worker may own the job: the run must not write on its behalf any more. */
    public void checkLease() {
        if (leaseLost) {
            throw new LeaseLostException(job.id());
        }
    }

    /** Thrown into a run whose lease was lost. */
    public static final class LeaseLostException extends RuntimeException {

        LeaseLostException(long id) {
            super("job " + id + " is no longer this worker's: its lease ran out");
        }
    }
}
