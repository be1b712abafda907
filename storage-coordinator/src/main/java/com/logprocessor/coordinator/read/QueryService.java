package com.logprocessor.coordinator.read;

import com.logprocessor.core.consistency.ConsistencyLevel;
import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.membership.Member;
import com.logprocessor.core.membership.MembershipSnapshot;
import com.logprocessor.core.query.LogQuery;
import com.logprocessor.core.ring.Ring;
import com.logprocessor.core.version.LamportVersion;
import com.logprocessor.support.membership.RingView;
import com.logprocessor.support.storage.NodeFanOut;
import com.logprocessor.support.storage.NodeFanOut.Answer;
import com.logprocessor.support.storage.StorageNodeClient;
import com.logprocessor.support.storage.StorageNodeException;
import com.logprocessor.support.web.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * {@code GET /api/logs}: with a partition key, asks that key's UP replicas; without, every UP node
 * (scatter-gather). Copies of one entry are merged by id keeping the newest version, then sorted
 * newest first and cut to the limit. The consistency level says how many replicas of every key
 * range must answer: fewer is 503 (the merged answer could miss acknowledged logs); more nodes
 * not answering than that is tolerated and reported.
 */
public class QueryService {

    static final Comparator<LogEntry> NEWEST_FIRST = Comparator.comparing(LogEntry::timestamp).reversed()
            .thenComparing(LogEntry::partitionKey).thenComparingLong(LogEntry::sequence);

    private final RingView ringView;
    private final StorageNodeClient client;
    private final int replicationFactor;
    private final Clock clock;
    private final Duration timeout;

    public QueryService(RingView ringView, StorageNodeClient client, int replicationFactor, Clock clock,
                        Duration timeout) {
        this.ringView = ringView;
        this.client = client;
        this.replicationFactor = replicationFactor;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** The merged answer and the nodes that were asked but did not answer. */
    public record QueryResult(List<LogEntry> entries, List<String> asked, List<String> unavailable) {
    }

    /**
     * Queries the replicas; with {@code afterSequence} (and a partition key) the answer is in
     * ascending sequence order after it, a cursor over the whole partition.
     */
    public QueryResult query(LogQuery q, ConsistencyLevel level) {
        MembershipSnapshot snapshot = ringView.snapshot();
        String key = q.partitionKey();
        List<String> nodes = key != null
                ? snapshot.replicaRing().preferenceList(key, replicationFactor).replicas().stream()
                        .filter(snapshot::isUp).toList()
                : snapshot.up().stream().map(Member::nodeId).toList();
        Map<String, Answer<List<LogEntry>>> answers = NodeFanOut.call(snapshot, nodes,
                (node, url) -> client.query(url, q.sourceIp(), key, q.minLevel() == null ? null : q.minLevel().name(),
                        q.from(), q.to(), q.afterSequence(), q.limit()), clock, timeout);
        Map<UUID, LogEntry> newest = new HashMap<>();
        List<String> unavailable = new ArrayList<>();
        answers.forEach((node, answer) -> {
            if (answer.ok()) {
                for (LogEntry e : answer.value()) {
                    newest.merge(e.id(), e, (a, b) -> LamportVersion.newest(a.version(), b.version()) == a.version() ? a : b);
                }
            } else if (answer.failure() instanceof StorageNodeException e && e.status() >= 400 && e.status() < 500
                    && e.status() != 429) {
                // The nodes check parameters by the same rules as this coordinator, so this is a bug, not bad input.
                throw new ProblemException(HttpStatus.BAD_GATEWAY, "Storage node refused the query",
                        node + " refused a query this coordinator accepted: " + e.getMessage());
            } else {
                unavailable.add(node);
            }
        });
        requireLevel(snapshot, key, level, Set.copyOf(unavailable), nodes);
        List<LogEntry> merged = new ArrayList<>(newest.values());
        merged.sort(q.afterSequence() != null ? Comparator.comparingLong(LogEntry::sequence) : NEWEST_FIRST);
        int limit = q.limit();
        return new QueryResult(merged.size() > limit ? merged.subList(0, limit) : merged, nodes, unavailable);
    }

    /** Every key range the query covers has {@code level}'s count of replicas that answered, or 503. */
    private void requireLevel(MembershipSnapshot snapshot, String key, ConsistencyLevel level, Set<String> unavailable,
                              List<String> asked) {
        Ring ring = snapshot.replicaRing();
        int required = level.required(replicationFactor);
        if (ring.isEmpty()) {
            throw ProblemException.unavailable("no storage node is a member of the ring");
        }
        List<List<String>> ranges = new ArrayList<>();
        if (key != null) {
            ranges.add(ring.preferenceList(key, replicationFactor).replicas());
        } else {
            for (int i = 0; i < ring.tokenCount(); i++) {
                ranges.add(ring.preferenceListOfToken(ring.tokenAt(i), replicationFactor).replicas());
            }
        }
        for (List<String> replicas : ranges) {
            long answered = replicas.stream().filter(n -> snapshot.isUp(n) && !unavailable.contains(n)).count();
            if (answered < required) {
                throw ProblemException.unavailable(level + " needs answers from " + required + " replicas of every key"
                                + " range queried; a range replicated on " + replicas + " had " + answered
                                + (unavailable.isEmpty() ? "" : " (not answering: " + unavailable + ")"))
                        .with("asked", asked).with("unavailable", List.copyOf(unavailable));
            }
        }
    }
}
