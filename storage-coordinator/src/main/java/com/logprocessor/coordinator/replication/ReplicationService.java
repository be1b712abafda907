package com.logprocessor.coordinator.replication;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.membership.MembershipSnapshot;
import com.logprocessor.core.ring.PreferenceList;
import com.logprocessor.core.ring.Ring;
import com.logprocessor.support.membership.RingView;
import com.logprocessor.support.storage.StorageApi.Conflict;
import com.logprocessor.support.storage.StorageApi.StoreResult;
import com.logprocessor.support.storage.StorageNodeClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of writes: each entry to its preference list on the current ring (RF distinct nodes
 * clockwise from its token), as one batch per node, all nodes in parallel. An entry counts as
 * written when as many replicas as its consistency level needs took it; the replicas that did not
 * get hints. An entry whose level cannot be met is not written at all this round (like
 * Cassandra's unavailable error: it is retried, then parked in the DLQ).
 */
public class ReplicationService {

    private static final Logger log = LoggerFactory.getLogger(ReplicationService.class);

    private final RingView ringView;
    private final StorageNodeClient client;
    private final ReplicaWriter writer;
    private final HintSink hints;
    private final int replicationFactor;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Counter> routed = new ConcurrentHashMap<>();

    public ReplicationService(RingView ringView, StorageNodeClient client, ReplicaWriter writer, HintSink hints,
                              int replicationFactor, MeterRegistry meters, Clock clock) {
        this.ringView = ringView;
        this.client = client;
        this.writer = writer;
        this.hints = hints;
        this.replicationFactor = replicationFactor;
        this.meters = meters;
        this.clock = clock;
    }

    public WriteReport write(List<Placement> placements) {
        MembershipSnapshot snapshot = ringView.snapshot();
        Ring ring = snapshot.ring();
        Map<String, List<LogEntry>> byNode = new LinkedHashMap<>();
        Map<String, List<byte[]>> encodedByNode = new LinkedHashMap<>();
        Map<UUID, List<String>> replicasOf = new HashMap<>();
        List<WriteReport.Failed> failed = new ArrayList<>();
        List<Placement> attempted = new ArrayList<>();
        for (Placement p : placements) {
            PreferenceList preference = ring.preferenceList(p.entry().partitionKey(), replicationFactor);
            int required = p.consistency().required(replicationFactor);
            if (preference.size() < required) {
                failed.add(new WriteReport.Failed(p, 0, required, "only " + preference.size()
                        + " storage node(s) up; " + p.consistency() + " needs " + required));
                continue;
            }
            attempted.add(p);
            replicasOf.put(p.entry().id(), preference.replicas());
            byte[] encoded = client.encode(p.entry()); // once, whatever the number of replicas
            for (String node : preference.replicas()) {
                byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(p.entry());
                encodedByNode.computeIfAbsent(node, n -> new ArrayList<>()).add(encoded);
            }
        }

        Map<String, CompletableFuture<StoreResult>> calls = new LinkedHashMap<>();
        Map<String, Long> answeredAt = new ConcurrentHashMap<>();
        byNode.forEach((node, entries) -> {
            String url = snapshot.urlOf(node).orElse(null);
            calls.put(node, url == null
                    ? CompletableFuture.failedFuture(new IllegalStateException(node + " has no known URL"))
                    : writer.write(node, url, encodedByNode.get(node))
                            .whenComplete((result, error) -> answeredAt.put(node, clock.millis())));
        });
        // Which (node, entry) pairs the node took: all of its batch but entries whose key holds another id.
        Map<String, Set<UUID>> rejected = new HashMap<>();
        Set<String> failedNodes = new HashSet<>();
        calls.forEach((node, call) -> {
            try {
                StoreResult result = call.join(); // bounded by the client's timeouts and the retry

                routed(node).increment(byNode.get(node).size());
                for (Conflict c : result.conflicts()) {
                    if (!c.idStoredElsewhere()) {
                        rejected.computeIfAbsent(node, n -> new HashSet<>()).add(c.id());
                        log.error("{} holds another entry at {}/{}: {} was not stored there", node,
                                c.partitionKey(), c.sequence(), c.id());
                    }
                }
            } catch (RuntimeException e) {
                failedNodes.add(node);
                log.debug("write of {} entries to {} failed: {}", byNode.get(node).size(), node, e.toString());
            }
        });

        List<WriteReport.Written> written = new ArrayList<>();
        Map<String, List<LogEntry>> missedByNode = new LinkedHashMap<>();
        for (Placement p : attempted) {
            List<String> replicas = replicasOf.get(p.entry().id());
            Set<String> missed = new LinkedHashSet<>();
            for (String node : replicas) {
                if (failedNodes.contains(node) || rejected.getOrDefault(node, Set.of()).contains(p.entry().id())) {
                    missed.add(node);
                }
            }
            int acks = replicas.size() - missed.size();
            int required = p.consistency().required(replicationFactor);
            if (acks >= required) {
                written.add(new WriteReport.Written(p, replicas, acks, missed,
                        durableAt(replicas, missed, required, answeredAt)));
                for (String node : missed) {
                    if (!rejected.getOrDefault(node, Set.of()).contains(p.entry().id())) {
                        missedByNode.computeIfAbsent(node, n -> new ArrayList<>()).add(p.entry());
                    }
                }
            } else {
                failed.add(new WriteReport.Failed(p, acks, required,
                        acks + " of " + replicas.size() + " replicas acknowledged; " + p.consistency()
                                + " needs " + required + " (failed: " + missed + ")"));
            }
        }
        missedByNode.forEach(hints::hint);
        return new WriteReport(written, failed);
    }

    /** When the {@code required}-th of the replicas that took the entry answered. */
    private static long durableAt(List<String> replicas, Set<String> missed, int required, Map<String, Long> answeredAt) {
        long[] times = new long[replicas.size()];
        int n = 0;
        for (String node : replicas) {
            if (!missed.contains(node)) {
                times[n++] = answeredAt.get(node);
            }
        }
        Arrays.sort(times, 0, n);
        return times[Math.max(0, required - 1)];
    }

    private Counter routed(String node) {
        return routed.computeIfAbsent(node, n -> Counter.builder("logs.routed").tag("target_node", n)
                .description("Entries written to each storage node").register(meters));
    }
}
