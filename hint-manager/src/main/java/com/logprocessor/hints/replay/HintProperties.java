package com.logprocessor.hints.replay;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Hinted handoff settings ({@code hint.*}), with the design's defaults. The names of the design
 * ({@code hint.expiry.hours}, {@code hint.max.retries}) bind exactly.
 *
 * @param expiry how long a hint may wait for its node ({@code hint.expiry.*})
 * @param max limits on replay attempts ({@code hint.max.*})
 * @param replay how hints are sent to a node that is back ({@code hint.replay.*})
 * @param intake how hints are read from Kafka ({@code hint.intake.*})
 * @param pending the {@code hints_pending} gauge ({@code hint.pending.*})
 */
@Validated
@ConfigurationProperties("hint")
public record HintProperties(
        @DefaultValue @Valid @NotNull Expiry expiry,
        @DefaultValue @Valid @NotNull Limits max,
        @DefaultValue @Valid @NotNull Replay replay,
        @DefaultValue @Valid @NotNull Intake intake,
        @DefaultValue @Valid @NotNull Pending pending) {

    /**
     * @param hours a hint older than this (from its creation by the coordinator) is never
     *        replayed: it is deleted and counted in {@code hints_expired_total}, and anti-entropy
     *        repairs the replica ({@code hint.expiry.hours}, 3; a decimal, so 0.001 is 3.6 s)
     * @param sweepInterval how often expired hints are deleted (1 min); they are never replayed
     *        even before the sweep deletes them
     * @param sweepBatch rows deleted per statement by the sweep (10,000), so one sweep never
     *        holds a long transaction over a large backlog
     */
    public record Expiry(
            @DefaultValue("3") @Positive double hours,
            @DefaultValue("1m") @NotNull Duration sweepInterval,
            @DefaultValue("10000") @Min(1) int sweepBatch) {

        public Expiry {
            if (hours > 0 && Math.round(hours * 3_600_000d) < 1) {
                throw new IllegalArgumentException("hint.expiry.hours (" + hours + ") must be at least a millisecond");
            }
        }

        /** {@link #hours} as a duration, to the millisecond. */
        public Duration duration() {
            return Duration.ofMillis(Math.round(hours * 3_600_000d));
        }
    }

    /**
     * @param retries attempts to deliver a hint ({@code hint.max.retries}, 3); a hint whose last
     *        attempt failed is deleted and counted in {@code hints_failed_total{reason="max-retries"}}
     */
    public record Limits(@DefaultValue("3") @Min(1) @Max(64) int retries) {
    }

    /**
     * @param batchSize hints claimed and sent per batch (2,000); a storage node takes up to 10,000
     *        entries per request
     * @param maxRequestSize cap on one request's body: a claimed batch of large entries is sent
     *        in several requests of at most this size (8 MB)
     * @param checkInterval how often every UP node is checked for due hints (1 s), besides the
     *        replay that starts at once when a ring event shows a node came back
     * @param firstBackoff wait after a batch's first failed attempt (5 s), doubled after each
     *        further failure of the same hints
     * @param maxBackoff cap on that wait (5 min)
     * @param connectTimeout connecting to a storage node (2 s)
     * @param timeout one batch request to a storage node (30 s): a node catching up stores a
     *        large batch, so allow more than the coordinator's per-write timeout
     * @param concurrency nodes replayed to at the same time by this instance (4); one node never
     *        has more than one replay loop per instance
     */
    public record Replay(
            @DefaultValue("2000") @Min(1) @Max(10_000) int batchSize,
            @DefaultValue("8MB") @NotNull DataSize maxRequestSize,
            @DefaultValue("1s") @NotNull Duration checkInterval,
            @DefaultValue("5s") @NotNull Duration firstBackoff,
            @DefaultValue("5m") @NotNull Duration maxBackoff,
            @DefaultValue("2s") @NotNull Duration connectTimeout,
            @DefaultValue("30s") @NotNull Duration timeout,
            @DefaultValue("4") @Min(1) @Max(64) int concurrency) {

        public Replay {
            if (firstBackoff != null && maxBackoff != null && maxBackoff.compareTo(firstBackoff) < 0) {
                throw new IllegalArgumentException("hint.replay.max-backoff (" + maxBackoff
                        + ") must not be shorter than hint.replay.first-backoff (" + firstBackoff + ")");
            }
        }

        /** The wait after a hint's {@code attempts}-th failed attempt (1-based): first, doubling, capped. */
        public Duration backoffAfter(int attempts) {
            int doublings = Math.max(0, Math.min(attempts - 1, 40));
            long millis = firstBackoff.toMillis() << doublings;
            return Duration.ofMillis(Math.min(millis < 0 ? Long.MAX_VALUE : millis, maxBackoff.toMillis()));
        }
    }

    /**
     * @param consumers Kafka listener threads reading {@code topics.hints} (2); the topic has
     *        {@code HintRecords.PARTITIONS} partitions shared by every hint manager of the group
     */
    public record Intake(@DefaultValue("2") @Min(1) @Max(64) int consumers) {
    }

    /**
     * @param refreshInterval how often {@code hints_pending{node}} is recounted from PostgreSQL
     *        (5 s); a scrape reads the last count and costs nothing
     */
    public record Pending(@DefaultValue("5s") @NotNull Duration refreshInterval) {
    }
}
