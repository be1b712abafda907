package com.logprocessor.support.antientropy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;

/**
 * One repair job as the anti-entropy coordinator stores it and its jobs API shows it.
 *
 * @param cycleId the cycle that planned it, or null for a job created alone
 * @param priority lower runs first
 * @param attempts attempts started so far
 * @param claimedBy the instance running it (or that ran it last)
 * @param lastError why the last attempt failed, if it did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "durationMillis", allowGetters = true)
public record RepairJob(long id, Long cycleId, JobKind kind, String subject, String reason, int priority,
                        JobStatus status, int attempts, Instant createdAt, Instant startedAt, Instant finishedAt,
                        String claimedBy, JobCounts counts, String lastError) {

    /** Milliseconds from the last start to the end (or to now while running); null before it starts. */
    @JsonProperty // not a record component: Jackson 3 writes it only when told
    public Long durationMillis() {
        if (startedAt == null) {
            return null;
        }
        return Duration.between(startedAt, finishedAt == null ? Instant.now() : finishedAt).toMillis();
    }
}
