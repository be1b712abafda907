package com.logprocessor.antientropy.planning;

import com.logprocessor.support.config.Durations;
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
 */
@Validated
@ConfigurationProperties("anti-entropy")
public record PlanningProperties(@DefaultValue("60s") @NotNull Duration interval) {

    public PlanningProperties {
        Durations.requireNotNegative("anti-entropy.interval", interval);
    }

    public boolean periodic() {
        return !interval.isZero();
    }
}
