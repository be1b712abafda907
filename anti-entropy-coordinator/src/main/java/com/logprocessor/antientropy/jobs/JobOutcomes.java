package com.logprocessor.antientropy.jobs;

import com.logprocessor.support.antientropy.RepairJob;
import com.logprocessor.support.antientropy.JobCounts;
import com.logprocessor.support.antientropy.JobKind;
/** Told about what runs count, every settled job and every finished cycle (the metrics). */
public interface JobOutcomes {

    /** A running job counted {@code n} more of {@code count}. */
    void counted(JobRun.Count count, long n);

    void completed(RepairJob job, JobCounts counts);

    /** A job FAILED for good (its last attempt failed, or its last worker died). */
    void failed(JobKind kind);

    void cycleFinished(double seconds);
}
