package com.logprocessor.coordinator;

import com.logprocessor.core.consistency.ConsistencyLevel;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The coordinator's settings ({@code coordinator.*}).
 *
 * @param id this instance's writer id in Lamport versions; unique per coordinator instance
 * @param defaultConsistency level for entries that do not ask for one (QUORUM)
 * @param consumers Kafka listener threads (each owns some partitions of logs.ingest)
 * @param connectTimeout connecting to a storage node
 * @param replicaTimeout one batch write to one storage node
 */
@Validated
@ConfigurationProperties("coordinator")
public record CoordinatorProperties(
        @DefaultValue("storage-coordinator") @NotBlank @Size(max = 64) String id,
        @DefaultValue("QUORUM") @NotNull ConsistencyLevel defaultConsistency,
        @DefaultValue("3") @Min(1) @Max(64) int consumers,
        @DefaultValue("1s") @NotNull Duration connectTimeout,
        @DefaultValue("5s") @NotNull Duration replicaTimeout) {
}
