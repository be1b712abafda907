package com.logprocessor.coordinator.read;

import com.logprocessor.core.consistency.ConsistencyLevel;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Reads through the coordinator ({@code coordinator.read.*}).
 *
 * @param consistency level of {@code GET /api/read/…} when the client names none (QUORUM: with
 *        QUORUM writes, W + R > RF, so a read sees every acknowledged write)
 * @param queryConsistency level of {@code GET /api/logs} when the client names none (ONE: a query
 *        asks every replica anyway and merges what answers; a level says how many must answer)
 * @param timeout how long a read or query waits for replicas before counting them as not answering
 */
@Validated
@ConfigurationProperties("coordinator.read")
public record ReadProperties(
        @DefaultValue("QUORUM") @NotNull ConsistencyLevel consistency,
        @DefaultValue("ONE") @NotNull ConsistencyLevel queryConsistency,
        @DefaultValue("2s") @NotNull Duration timeout) {
}
