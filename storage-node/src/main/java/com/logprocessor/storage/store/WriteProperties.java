package com.logprocessor.storage.store;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the write path.
 *
 * @param maxBatchEntries entries one {@code POST /api/storage/store/batch} may carry (more is a 413);
 *                        bounds the memory and transaction size of one request
 * @param maxAttempts     attempts of a batch transaction that lost a race on a unique id with a
 *                        concurrent batch of another partition (the retry sees the winner and
 *                        reports a conflict)
 * @param maxRequestSize  cap on a store request's body, checked while it is read (413 beyond): the
 *                        entry count alone does not bound memory when messages are large
 * @param copyFromEntries a batch of new entries at least this large is inserted with binary
 *                        {@code COPY}, the cheapest per row but four round trips to PostgreSQL;
 *                        a smaller one with one multi-statement round trip, the cheapest per batch
 */
@Validated
@ConfigurationProperties("storage.write")
public record WriteProperties(
        @DefaultValue("10000") @Min(1) @Max(100_000) int maxBatchEntries,
        @DefaultValue("3") @Min(1) @Max(10) int maxAttempts,
        @DefaultValue("256MB") @NotNull DataSize maxRequestSize,
        @DefaultValue("64") @Min(1) int copyFromEntries) {
}
