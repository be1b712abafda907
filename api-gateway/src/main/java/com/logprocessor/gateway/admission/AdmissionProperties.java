package com.logprocessor.gateway.admission;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How much ingest the gateway takes at once ({@code gateway.admission.*}); beyond it a request is
 * answered 429 with {@code Retry-After} at once instead of queueing without limit.
 *
 * @param maxInFlightRequests ingest requests ({@code POST /api/logs}, {@code /api/logs/batch},
 *        {@code /api/write}) being handled at once (128: under Tomcat's 200 request threads, so the
 *        excess is answered at once rather than queued for a thread, and reads keep threads)
 * @param maxInFlightBytes their request bodies together (256 MB); a body of unknown length counts
 *        as {@code gateway.max-request-size}
 * @param perKeyRequestsPerSecond ingest requests a second one client may send (0, the default: no
 *        limit); a client is its {@code X-API-Key} (or {@code Authorization}) header, else its address
 * @param retryAfter what a 429 tells the client to wait (1 s)
 */
@Validated
@ConfigurationProperties("gateway.admission")
public record AdmissionProperties(
        @DefaultValue("128") @Min(1) @Max(100_000) int maxInFlightRequests,
        @DefaultValue("256MB") @NotNull DataSize maxInFlightBytes,
        @DefaultValue("0") @Min(0) int perKeyRequestsPerSecond,
        @DefaultValue("1s") @NotNull Duration retryAfter) {

    public AdmissionProperties {
        if (maxInFlightBytes != null && maxInFlightBytes.toBytes() < 1) {
            throw new IllegalArgumentException("gateway.admission.max-in-flight-bytes must be positive");
        }
        if (retryAfter != null && retryAfter.toSeconds() < 1) {
            throw new IllegalArgumentException("gateway.admission.retry-after (" + retryAfter + ") must be at least 1s:"
                    + " Retry-After counts whole seconds");
        }
    }
}
