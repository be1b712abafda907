package com.logprocessor.antientropy.repair;

import com.logprocessor.antientropy.jobs.JobRun;
import com.logprocessor.antientropy.jobs.JobRun.Count;
import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.merkle.MerkleTree;
import com.logprocessor.core.merkle.PartitionDigest;
import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.core.repair.SegmentReconciliation;
import com.logprocessor.support.storage.StorageApi.PartitionDigests;
import com.logprocessor.core.membership.MembershipSnapshot;
import com.logprocessor.support.storage.NodeFanOut;
import com.logprocessor.support.storage.StorageNodeClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Repairs one partition across its replicas: read every replica's segment digests, build a Merkle
 * tree of each and diff them (only differing subtrees are walked), fetch the differing segments
 * from every replica, and write each replica the winners it lacks. Entries of equal segments are
 * never read.
 */
@Component
public class PartitionRepair {

    private static final Logger log = LoggerFactory.getLogger(PartitionRepair.class);

    private final StorageNodeClient client;
    private final RepairProperties properties;
    private final Clock clock;

    public PartitionRepair(StorageNodeClient client, RepairProperties properties, Clock clock) {
        this.client = client;
        this.properties = properties;
        this.clock = clock;
    }

    /** Compares the replicas' partition digests first and repairs only when they differ. */
    public void compareAndRepair(JobRun run, String partitionKey, MembershipSnapshot snapshot, List<String> replicas) {
        Map<String, PartitionDigests> digests = digests(partitionKey, snapshot, replicas);
        run.add(Count.PARTITIONS_COMPARED, 1);
        if (digests.values().stream().map(d -> PartitionDigest.of(d.digests())).distinct().count() > 1) {
            run.add(Count.PARTITIONS_DIFFERING, 1);
            repair(run, partitionKey, snapshot, replicas, digests);
        }
    }

    /** Repairs a partition whose replicas' digests were seen to differ. */
    public void repair(JobRun run, String partitionKey, MembershipSnapshot snapshot, List<String> replicas) {
        repair(run, partitionKey, snapshot, replicas, digests(partitionKey, snapshot, replicas));
    }

    private void repair(JobRun run, String partitionKey, MembershipSnapshot snapshot, List<String> replicas,
            Map<String, PartitionDigests> digests) {
        List<Long> segments = differingSegments(digests);
        run.add(Count.SEGMENTS_DIFFERING, segments.size());
        for (long segment : segments) {
            run.checkLease();
            Map<String, List<LogEntry>> copies = new LinkedHashMap<>();
            List<String> wrongDigests = new ArrayList<>();
            all(snapshot, replicas, (node, url) -> client.segment(url, partitionKey, segment),
                    "segment " + segment + " of " + partitionKey).forEach((node, entries) -> {
                        copies.put(node, entries.entries());
                        if (!SegmentDigest.of(segment, entries.entries()).equals(entries.digest())) {
                            wrongDigests.add(node);
                        }
                    });
            correctDigests(partitionKey, snapshot, wrongDigests);
            SegmentReconciliation reconciliation = SegmentReconciliation.of(copies);
            run.add(Count.CONFLICTS, reconciliation.conflicts().size());
            write(run, partitionKey, snapshot, reconciliation.toWrite());
        }
    }

    /**
     * A segment whose stored digest is not the digest of the entries read with it (in one snapshot)
     * has a wrong digest: a row changed behind the node's back, and the node has not verified since. Left alone, it would make this
     * partition differ in every cycle while its entries agree; the node recomputes it now, so the
     * next comparison sees the truth (the node's own hourly verification would, later).
     */
    private void correctDigests(String partitionKey, MembershipSnapshot snapshot, List<String> nodes) {
        if (nodes.isEmpty()) {
            return;
        }
        log.info("Wrong stored digests of {} on {}: asking the nodes to recompute them", partitionKey, nodes);
        // Best effort: a node busy with another verification (409) corrects it in the next cycle.
        NodeFanOut.call(snapshot, nodes, (node, url) -> client.verifyDigests(url, partitionKey), clock)
                .forEach((node, answer) -> {
                    if (!answer.ok()) {
                        log.info("{} did not recompute the digests of {} now: {}", node, partitionKey,
                                answer.failure().getMessage());
                    }
                });
    }

    private void write(JobRun run, String partitionKey, MembershipSnapshot snapshot,
            Map<String, List<LogEntry>> toWrite) {
        List<String> targets = toWrite.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(Map.Entry::getKey).toList();
        if (targets.isEmpty()) {
            return;
        }
        run.checkLease();
        all(snapshot, targets, (node, url) -> client.storeEncoded(url,
                toWrite.get(node).stream().map(client::encode).toList(), true), "repair writes of " + partitionKey)
                .forEach((node, stored) -> {
                    run.add(Count.ENTRIES_STREAMED, toWrite.get(node).size());
                    run.add(Count.ENTRIES_REPAIRED, stored.inserted() + stored.updated());
                });
    }

    private Map<String, PartitionDigests> digests(String partitionKey, MembershipSnapshot snapshot,
            List<String> replicas) {
        return all(snapshot, replicas, (node, url) -> client.digests(url, partitionKey), "digests of " + partitionKey);
    }

    /**
     * Segments whose digests are not the same on every replica: each replica's tree diffed against
     * the first's ({@link MerkleTree#diff} brings trees of different widths to one shape).
     */
    List<Long> differingSegments(Map<String, PartitionDigests> digests) {
        List<MerkleTree> trees = digests.values().stream()
                .map(d -> MerkleTree.build(d.digests(), properties.treeDepth())).toList();
        TreeSet<Long> differing = new TreeSet<>();
        for (int i = 1; i < trees.size(); i++) {
            differing.addAll(trees.get(0).diff(trees.get(i)));
        }
        return List.copyOf(differing);
    }

    /** Calls every replica at once; any failure fails the partition (the job retries it later). */
    private <T> Map<String, T> all(MembershipSnapshot snapshot, List<String> nodes,
            BiFunction<String, String, CompletableFuture<T>> call, String what) {
        return NodeFanOut.callAll(snapshot, nodes, call, clock, what);
    }
}
