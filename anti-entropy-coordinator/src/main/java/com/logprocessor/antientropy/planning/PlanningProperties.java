package com.logprocessor.antientropy.planning;

import com.logprocessor.support.config.Durations;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When cycles run ({@code anti-entropy.*}; the jobs' and the repair's own settings are under
 * {@code anti-entropy.jobs} and {@code anti-entropy.repair}).
 *
 * @param interval a cycle over every token range starts this often (60 s), planned by whichever
 *        instance gets there first; {@code 0} turns periodic cycles off (triggers and ring changes
 *        still plan jobs)
 * @param intensity the share of the time periodic cycles may keep the cluster busy, as Cassandra
 *        Reaper's repair intensity (0.1): after a cycle that took {@code d}, the next periodic one
 *        waits until {@code d × (1 / intensity − 1)} after it finished, and none starts while one
 *        runs. A cycle lists every partition of every node, so on a large or busy cluster (cycles of
 *        17 s under ingest on nodes of 130,000 partitions, where the interval would run them
 *        back to back) cycles back off instead of taking a fixed slice of every minute; on a
 *        small one the interval rules. {@code 1}: no rest, cycles every interval as long as they last
 */
@Validated
@ConfigurationProperties("anti-entropy")
public record PlanningProperties(
        @DefaultValue("60s") @NotNull Duration interval,
        @DefaultValue("0.1") @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") double intensity) {

    public PlanningProperties {
        Durations.requireNotNegative("anti-entropy.interval", interval);
    }

    public boolean periodic() {
        return !interval.isZero();
    }

    /** How long a periodic cycle rests after the last one, per unit of that one's duration. */
    public double restFactor() {
        return 1 / intensity - 1;
    }
}
