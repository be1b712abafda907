package com.logprocessor.coordinator.read;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.membership.Member;
import com.logprocessor.core.membership.MembershipSnapshot;
import com.logprocessor.core.version.LamportVersion;
import com.logprocessor.support.membership.RingView;
import com.logprocessor.support.storage.StorageNodeClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /api/logs}: with a partition key, asks that key's replicas; without, every UP node
 * (scatter-gather). Copies of one entry are merged by id keeping the newest version, then sorted
 * newest first and cut to the limit. A node that does not answer is skipped and reported, so a
 * query still answers with one replica down.
 */
public class QueryService {

    static final Comparator<LogEntry> NEWEST_FIRST = Comparator.comparing(LogEntry::timestamp).reversed()
            .thenComparing(LogEntry::partitionKey).thenComparingLong(LogEntry::sequence);

    private final RingView ringView;
    private final StorageNodeClient client;
    private final int replicationFactor;

    public QueryService(RingView ringView, StorageNodeClient client, int replicationFactor) {
        this.ringView = ringView;
        this.client = client;
        this.replicationFactor = replicationFactor;
    }

    /** The merged answer and the nodes that were asked but did not answer. */
    public record QueryResult(List<LogEntry> entries, List<String> asked, List<String> unavailable) {
    }

    /**
     * Queries the replicas; with {@code afterSequence} (and a partition key) the answer is in
     * ascending sequence order after it, a cursor over the whole partition.
     */
    public QueryResult query(String sourceIp, String partitionKey, String level, Instant from, Instant to,
                             Long afterSequence, int limit) {
        MembershipSnapshot snapshot = ringView.snapshot();
        List<String> nodes = partitionKey != null
                ? snapshot.ring().preferenceList(partitionKey, replicationFactor).replicas()
                : snapshot.up().stream().map(Member::nodeId).toList();
        Map<String, CompletableFuture<List<LogEntry>>> calls = new LinkedHashMap<>();
        for (String node : nodes) {
            String url = snapshot.urlOf(node).orElseThrow();
            calls.put(node, client.query(url, sourceIp, partitionKey, level, from, to, afterSequence, limit));
        }
        Map<UUID, LogEntry> newest = new HashMap<>();
        List<String> unavailable = new ArrayList<>();
        calls.forEach((node, call) -> {
            try {
                for (LogEntry e : call.join()) {
                    newest.merge(e.id(), e, (a, b) -> LamportVersion.newest(a.version(), b.version()) == a.version() ? a : b);
                }
            } catch (RuntimeException e) {
                unavailable.add(node);
            }
        });
        List<LogEntry> merged = new ArrayList<>(newest.values());
        merged.sort(afterSequence != null ? Comparator.comparingLong(LogEntry::sequence) : NEWEST_FIRST);
        return new QueryResult(merged.size() > limit ? merged.subList(0, limit) : merged, nodes, unavailable);
    }
}
