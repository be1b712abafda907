package com.logprocessor.antientropy.repair;

import com.logprocessor.antientropy.jobs.JobRun;
import com.logprocessor.antientropy.jobs.JobRun.Count;
import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.membership.MembershipSnapshot;
import com.logprocessor.core.merkle.PartitionDigest;
import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.core.repair.SegmentReconciliation;
import com.logprocessor.support.storage.NodeFanOut;
import com.logprocessor.support.storage.StorageApi.DigestsList;
import com.logprocessor.support.storage.StorageApi.PartitionDigests;
import com.logprocessor.support.storage.StorageApi.SequenceRange;
import com.logprocessor.support.storage.StorageApi.StoreResult;
import com.logprocessor.support.storage.StorageNodeClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Repairs many small differing partitions in a few calls per node instead of several per
 * partition: most partitions are far smaller than a segment, so a damaged one differs in its only
 * segment and a per-partition repair (digests, then the segment, from each replica, then a write)
 * spends its time on round trips and commits, not on data.
 *
 * <p>Replicas whose listed partition digests are equal are read once (with one replica damaged,
 * two of three calls per step instead of three).
 *
 * <ol>
 *   <li>Every replica's digests of all the batch's partitions over fine segments of
 *       {@code anti-entropy.repair.fine-segment-size} sequences, in one call per node.</li>
 *   <li>The entries of only the fine segments that differ, from every replica, in one call per node.</li>
 *   <li>Per fine segment, the winners ({@link SegmentReconciliation}, as for a whole segment),
 *       written to every stale replica in one call per node (chunked to the node's batch limit).</li>
 * </ol>
 * A partition listed as differing whose fine digests all agree (a replica's stored segment
 * digests are wrong, or a write landed in between) is handed back for {@link PartitionRepair},
 * which tells a wrong stored digest from a real difference.
 */
@Component
public class BatchRepair {

    /** Ranges per entries request, and entries per repair write (a node accepts 10,000 of either). */
    static final int CHUNK = 5000;

    /**
     * One differing partition, its UP replicas and the partition digest each listed (absent: holds none).
     * Replicas that listed equal digests hold equal entries, so only one of them, the first, is read.
     */
    public record Candidate(String partitionKey, List<String> replicas, Map<String, PartitionDigest> digests) {

        /** The replica read for {@code node}: the first replica that listed the same digest. */
        String readFrom(String node) {
            PartitionDigest mine = digests.getOrDefault(node, PartitionDigest.EMPTY);
            return replicas.stream().filter(r -> digests.getOrDefault(r, PartitionDigest.EMPTY).equals(mine))
                    .findFirst().orElse(node);
        }

        /** The replicas read: one per distinct digest. */
        List<String> read() {
            return replicas.stream().filter(r -> readFrom(r).equals(r)).toList();
        }
    }

    private final StorageNodeClient client;
    private final RepairProperties properties;
    private final Clock clock;

    public BatchRepair(StorageNodeClient client, RepairProperties properties, Clock clock) {
        this.client = client;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Repairs the batch; answers the candidates it found nothing to repair in (see the class
     * comment). Any replica that fails a call fails the whole batch (the job retries it).
     */
    public List<Candidate> repair(JobRun run, MembershipSnapshot snapshot, List<Candidate> batch) {
        int width = properties.fineSegmentSize();
        Map<String, List<String>> keysByNode = new LinkedHashMap<>();
        for (Candidate c : batch) {
            c.read().forEach(node -> keysByNode.computeIfAbsent(node, n -> new ArrayList<>()).add(c.partitionKey()));
        }
        Map<String, DigestsList> digests = all(snapshot, keysByNode.keySet(),
                (node, url) -> client.digests(url, keysByNode.get(node), width), "fine digests");
        Map<String, Map<String, Map<Long, SegmentDigest>>> fine = new HashMap<>();
        int reportedSegmentSize = width;
        for (Map.Entry<String, DigestsList> answer : digests.entrySet()) {
            Map<String, Map<Long, SegmentDigest>> byKey = new HashMap<>();
            for (PartitionDigests p : answer.getValue().partitions()) {
                Map<Long, SegmentDigest> bySegment = new HashMap<>();
                p.digests().forEach(d -> bySegment.put(d.segment(), d));
                byKey.put(p.partitionKey(), bySegment);
            }
            fine.put(answer.getKey(), byKey);
            reportedSegmentSize = answer.getValue().storedSegmentSize();
        }
        long storedSegmentSize = reportedSegmentSize;

        List<Candidate> agreeing = new ArrayList<>();
        Map<Candidate, List<Long>> differing = new LinkedHashMap<>();
        Map<String, List<SequenceRange>> rangesByNode = new LinkedHashMap<>();
        for (Candidate c : batch) {
            List<Long> segments = differingSegments(c, fine);
            if (segments.isEmpty()) {
                agreeing.add(c);
                continue;
            }
            differing.put(c, segments);
            // Counted as the stored segments (the node's segment.size) the differing fine ones lie in.
            run.add(Count.SEGMENTS_DIFFERING, segments.stream().map(s -> s * width / storedSegmentSize).distinct().count());
            for (String node : c.read()) {
                List<SequenceRange> ranges = rangesByNode.computeIfAbsent(node, n -> new ArrayList<>());
                segments.forEach(s -> ranges.add(new SequenceRange(c.partitionKey(), s * width + 1, (s + 1) * width)));
            }
        }
        if (differing.isEmpty()) {
            return agreeing;
        }
        run.checkLease();

        Map<String, List<LogEntry>> held = all(snapshot, rangesByNode.keySet(),
                (node, url) -> entries(url, rangesByNode.get(node)), "entries of differing fine segments");
        // node -> partition -> fine segment -> entries
        Map<String, Map<String, Map<Long, List<LogEntry>>>> copies = new HashMap<>();
        held.forEach((node, entries) -> {
            Map<String, Map<Long, List<LogEntry>>> byKey = new HashMap<>();
            for (LogEntry e : entries) {
                byKey.computeIfAbsent(e.partitionKey(), k -> new HashMap<>())
                        .computeIfAbsent((e.sequence() - 1) / width, s -> new ArrayList<>()).add(e);
            }
            copies.put(node, byKey);
        });
        Map<String, List<LogEntry>> toWrite = new LinkedHashMap<>();
        differing.forEach((c, segments) -> {
            for (long segment : segments) {
                Map<String, List<LogEntry>> ofSegment = new LinkedHashMap<>();
                for (String node : c.replicas()) {
                    // A replica that was not read holds what its twin holds (and counts in the vote).
                    ofSegment.put(node, copies.get(c.readFrom(node)).getOrDefault(c.partitionKey(), Map.of())
                            .getOrDefault(segment, List.of()));
                }
                SegmentReconciliation reconciliation = SegmentReconciliation.of(ofSegment);
                run.add(Count.CONFLICTS, reconciliation.conflicts().size());
                reconciliation.toWrite().forEach((node, entries) ->
                        toWrite.computeIfAbsent(node, n -> new ArrayList<>()).addAll(entries));
            }
        });
        toWrite.values().removeIf(List::isEmpty);
        if (!toWrite.isEmpty()) {
            run.checkLease();
            all(snapshot, toWrite.keySet(), (node, url) -> write(url, toWrite.get(node)), "repair writes")
                    .forEach((node, stored) -> {
                        run.add(Count.ENTRIES_STREAMED, toWrite.get(node).size());
                        run.add(Count.ENTRIES_REPAIRED, stored.inserted() + stored.updated());
                    });
        }
        return agreeing;
    }

    /** Fine segments of the candidate whose digests are not the same on every replica (absent: holds none). */
    private static List<Long> differingSegments(Candidate c, Map<String, Map<String, Map<Long, SegmentDigest>>> fine) {
        TreeSet<Long> all = new TreeSet<>();
        List<Map<Long, SegmentDigest>> perReplica = new ArrayList<>();
        for (String node : c.read()) {
            Map<Long, SegmentDigest> of = fine.get(node).getOrDefault(c.partitionKey(), Map.of());
            perReplica.add(of);
            all.addAll(of.keySet());
        }
        List<Long> differing = new ArrayList<>();
        for (long segment : all) {
            SegmentDigest first = perReplica.get(0).get(segment);
            for (int i = 1; i < perReplica.size(); i++) {
                if (!Objects.equals(first, perReplica.get(i).get(segment))) {
                    differing.add(segment);
                    break;
                }
            }
        }
        return differing;
    }

    private CompletableFuture<List<LogEntry>> entries(String url, List<SequenceRange> ranges) {
        return inChunks(ranges, chunk -> client.entries(url, chunk))
                .thenApply(answers -> answers.stream().flatMap(List::stream).toList());
    }

    private CompletableFuture<StoreResult> write(String url, List<LogEntry> entries) {
        return inChunks(entries, chunk -> client.storeEncoded(url, chunk.stream().map(client::encode).toList(), true))
                .thenApply(answers -> new StoreResult(answers.stream().mapToInt(StoreResult::inserted).sum(),
                        answers.stream().mapToInt(StoreResult::updated).sum(), 0, List.of()));
    }

    /** One call per {@value #CHUNK} items, all at once; their answers in order. */
    private static <T, R> CompletableFuture<List<R>> inChunks(List<T> items,
            Function<List<T>, CompletableFuture<R>> call) {
        List<CompletableFuture<R>> calls = new ArrayList<>();
        for (int i = 0; i < items.size(); i += CHUNK) {
            calls.add(call.apply(items.subList(i, Math.min(items.size(), i + CHUNK))));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                .thenApply(done -> calls.stream().map(CompletableFuture::join).toList());
    }

    /** Calls every node at once; any failure fails the batch (the job retries it). */
    private <T> Map<String, T> all(MembershipSnapshot snapshot, java.util.Collection<String> nodes,
            BiFunction<String, String, CompletableFuture<T>> call, String what) {
        return NodeFanOut.callAll(snapshot, nodes, call, clock, what);
    }
}
