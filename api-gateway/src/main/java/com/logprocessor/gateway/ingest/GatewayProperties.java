package com.logprocessor.gateway.ingest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Gateway limits and timeouts ({@code gateway.*}).
 *
 * @param maxBatchEntries most entries one batch may hold (10,000; more is 413)
 * @param maxRequestSize largest request body (16 MiB; more is 413)
 * @param publishTimeout how long to wait for Kafka to acknowledge a request's entries before
 *        answering 503 (nothing is acknowledged to the client then); with the producer's
 *        {@code max.block.ms} and {@code delivery.timeout.ms} below it, a request answers within
 *        this bound when Kafka is down (4.5 s)
 * @param retryAfter what a 503 tells clients to wait before sending again (5 s)
 */
@Validated
@ConfigurationProperties("gateway")
public record GatewayProperties(
        @DefaultValue("10000") @Min(1) @Max(100_000) int maxBatchEntries,
        @DefaultValue("16MB") @NotNull DataSize maxRequestSize,
        @DefaultValue("4500ms") @NotNull Duration publishTimeout,
        @DefaultValue("5s") @NotNull Duration retryAfter) {
}
