package com.logprocessor.coordinator.ingest;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a partition is held while entries in it cannot meet their consistency level
 * ({@code coordinator.hold.*}): paused, then tried again after a pause that grows from
 * {@code initialBackoff} by {@code multiplier} per failed try up to {@code maxBackoff}, for as long
 * as it takes. The cap bounds how late a partition resumes after its replicas are back.
 *
 * @param initialBackoff pause after the first failed try (250 ms)
 * @param maxBackoff longest pause (10 s)
 * @param multiplier growth per further failed try (2)
 */
@Validated
@ConfigurationProperties("coordinator.hold")
public record HoldProperties(
        @DefaultValue("250ms") @NotNull Duration initialBackoff,
        @DefaultValue("10s") @NotNull Duration maxBackoff,
        @DefaultValue("2") @DecimalMin("1.0") double multiplier) {

    public HoldProperties {
        if (initialBackoff != null && maxBackoff != null && initialBackoff.compareTo(maxBackoff) > 0) {
            throw new IllegalArgumentException("coordinator.hold.initial-backoff (" + initialBackoff
                    + ") must not exceed coordinator.hold.max-backoff (" + maxBackoff + ")");
        }
    }

    /** The pause after the {@code tries}-th failed try in a row (1 = the first). */
    public Duration backoff(int tries) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, tries - 1));
        return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
    }
}
