package com.logprocessor.coordinator.ingest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a client's retry is recognised ({@code coordinator.dedup.*}); see {@link RecentIds}.
 *
 * @param recentIds ids remembered per coordinator (250,000, about 40 MB of heap: 25 s of ingest
 *        at 10,000 logs/s, hours at everyday rates); a retry of an older id is still stored once,
 *        but leaves an empty sequence behind
 */
@Validated
@ConfigurationProperties("coordinator.dedup")
public record DedupProperties(
        @DefaultValue("250000") @Min(1000) @Max(50_000_000) int recentIds) {
}
