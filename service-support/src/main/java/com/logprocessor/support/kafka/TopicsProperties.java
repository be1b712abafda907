package com.logprocessor.support.kafka;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Kafka topics of the system ({@code topics.*}). Every service that uses Kafka declares all of
 * them the same way, so whichever starts first creates them with the right shape.
 *
 * @param ingest entries accepted by the gateway, keyed by partition key ({@code logs.ingest})
 * @param dlq entries that can never be stored: unreadable records, entries every replica refused ({@code logs.dlq})
 * @param readRepairs stale replicas found by reads ({@code read-repairs})
 * @param writeReplies outcomes of synchronous writes ({@code POST /api/write}): the coordinator
 *        that writes an entry answers the gateway that is waiting for it ({@code logs.write-replies})
 * @param hints writes a replica missed, for the hint manager ({@code logs.hints}; see {@link HintRecords})
 * @param ingestPartitions partitions of the ingest topic: the unit of parallelism of the
 *        coordinators, and of per-key sequence ownership. Changing it moves keys between
 *        partitions, so it is fixed for the life of a cluster
 * @param replicas Kafka replication factor of the topics (1 on a single broker)
 */
@Validated
@ConfigurationProperties("topics")
public record TopicsProperties(
        @DefaultValue("logs.ingest") @NotBlank String ingest,
        @DefaultValue("logs.dlq") @NotBlank String dlq,
        @DefaultValue("read-repairs") @NotBlank String readRepairs,
        @DefaultValue("logs.hints") @NotBlank String hints,
        @DefaultValue("logs.write-replies") @NotBlank String writeReplies,
        @DefaultValue("12") @Min(1) int ingestPartitions,
        @DefaultValue("1") @Min(1) short replicas) {
}
