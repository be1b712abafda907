package com.logprocessor.antientropy.jobs;

import com.logprocessor.support.config.Durations;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How this instance works the shared job queue ({@code anti-entropy.jobs.*}).
 *
 * @param workers jobs this instance runs at once (3: a cycle's PRIMARY_RANGES jobs on the design's three
 *        nodes); 0 for an instance that only plans and answers the API
 * @param pollInterval how often an idle worker looks for a job (1 s); new jobs planned here wake it at once
 * @param lease how long a claimed job stays this worker's without a renewal (30 s); renewed every
 *        third of it, so a worker that dies gives its job back after at most this long
 * @param maxAttempts attempts before a job is FAILED for good (3)
 * @param retryBackoff wait after a failed attempt (10 s)
 * @param instanceId this instance's name in {@code claimedBy}; default: host name and process id
 */
@Validated
@ConfigurationProperties("anti-entropy.jobs")
public record JobProperties(
        @DefaultValue("3") @Min(0) @Max(64) int workers,
        @DefaultValue("1s") @NotNull Duration pollInterval,
        @DefaultValue("30s") @NotNull Duration lease,
        @DefaultValue("3") @Min(1) @Max(100) int maxAttempts,
        @DefaultValue("10s") @NotNull Duration retryBackoff,
        String instanceId) {

    public JobProperties {
        Durations.requirePositive("anti-entropy.jobs.poll-interval", pollInterval);
        if (lease != null && lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("anti-entropy.jobs.lease (" + lease + ") must be at least 1s");
        }
        Durations.requireNotNegative("anti-entropy.jobs.retry-backoff", retryBackoff);
        if (instanceId == null || instanceId.isBlank()) {
            instanceId = ProcessHandle.current().pid() + "@" + hostName();
        }
    }

    /** How often a running job's lease is renewed (and its counts saved). */
    public Duration renewEvery() {
        return lease.dividedBy(3);
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
