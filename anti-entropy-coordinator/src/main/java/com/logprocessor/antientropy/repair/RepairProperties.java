package com.logprocessor.antientropy.repair;

import com.logprocessor.core.merkle.MerkleTree;
import com.logprocessor.support.config.Durations;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a job compares and repairs ({@code anti-entropy.repair.*}).
 *
 * @param pageSize partitions per listing request to a node (10,000, the most a node serves)
 * @param partitionConcurrency differing partitions repaired at once, over all jobs of this instance (8)
 * @param treeDepth depth of the Merkle trees built over a differing partition's segment digests
 *        (10, as {@code merkle.tree.depth})
 * @param batchPartitions differing partitions within their first segment on every replica (most
 *        of them) repaired together by {@code BatchRepair} (250); a larger one is repaired on its
 *        own, by its Merkle trees
 * @param fineSegmentSize sequences per fine segment a batch compares (4): the entries of a
 *        differing fine segment are read from every replica, so smaller reads less and compares more
 * @param connectTimeout connecting to a storage node (1 s)
 * @param timeout one request to a storage node (10 s): a listing page, a partition's digests, a
 *        segment, a write of a segment's winners
 * @param sharedPages listing pages kept for other jobs running at the same time (12, about 2 MB
 *        each at the page size): a cycle's jobs read every node's listing together, so each page
 *        is fetched once per cycle, not once per job; {@code 0} shares none
 */
@Validated
@ConfigurationProperties("anti-entropy.repair")
public record RepairProperties(
        @DefaultValue("10000") @Min(1) @Max(10_000) int pageSize,
        @DefaultValue("8") @Min(1) @Max(256) int partitionConcurrency,
        @DefaultValue("" + MerkleTree.DEFAULT_DEPTH) @Min(0) @Max(MerkleTree.MAX_DEPTH) int treeDepth,
        @DefaultValue("250") @Min(1) @Max(1000) int batchPartitions,
        @DefaultValue("4") @Min(1) @Max(1000) int fineSegmentSize,
        @DefaultValue("1s") @NotNull Duration connectTimeout,
        @DefaultValue("10s") @NotNull Duration timeout,
        @DefaultValue("12") @Min(0) @Max(1000) int sharedPages) {

    public RepairProperties {
        Durations.requirePositive("anti-entropy.repair.connect-timeout", connectTimeout);
        Durations.requirePositive("anti-entropy.repair.timeout", timeout);
    }
}
