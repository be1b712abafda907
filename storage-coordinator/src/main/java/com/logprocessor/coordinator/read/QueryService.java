package com.logprocessor.coordinator.read;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.membership.Member;
import com.logprocessor.core.membership.MembershipSnapshot;
import com.logprocessor.core.version.LamportVersion;
import com.logprocessor.support.membership.RingView;
import com.logprocessor.support.storage.NodeFanOut;
import com.logprocessor.support.storage.NodeFanOut.Answer;
import com.logprocessor.support.storage.StorageNodeClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /api/logs}: with a partition key, asks that key's UP replicas; without, every UP node
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
    private final Clock clock;

    public QueryService(RingView ringView, StorageNodeClient client, int replicationFactor, Clock clock) {
        this.ringView = ringView;
        this.client = client;
        this.replicationFactor = replicationFactor;
        this.clock = clock;
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
                ? snapshot.replicaRing().preferenceList(partitionKey, replicationFactor).replicas().stream()
                        .filter(snapshot::isUp).toList()
                : snapshot.up().stream().map(Member::nodeId).toList();
        Map<String, Answer<List<LogEntry>>> answers = NodeFanOut.call(snapshot, nodes,
                (node, url) -> client.query(url, sourceIp, partitionKey, level, from, to, afterSequence, limit), clock);
        Map<UUID, LogEntry> newest = new HashMap<>();
        List<String> unavailable = new ArrayList<>();
        answers.forEach((node, answer) -> {
            if (answer.ok()) {
                for (LogEntry e : answer.value()) {
                    newest.merge(e.id(), e, (a, b) -> LamportVersion.newest(a.version(), b.version()) == a.version() ? a : b);
                }
            } else {
                unavailable.add(node);
            }
        });
        List<LogEntry> merged = new ArrayList<>(newest.values());
        merged.sort(afterSequence != null ? Comparator.comparingLong(LogEntry::sequence) : NEWEST_FIRST);
        return new QueryResult(merged.size() > limit ? merged.subList(0, limit) : merged, nodes, unavailable);
    }
}
