package com.logprocessor.support.antientropy;

/** A job's life: PENDING → RUNNING → COMPLETED, or back to PENDING after a failed attempt, FAILED after the last. */
public enum JobStatus {
    PENDING,
    RUNNING,
    COMPLETED,
    FAILED
}
