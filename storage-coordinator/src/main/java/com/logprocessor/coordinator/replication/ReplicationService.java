package com.logprocessor.coordinator.replication;

import com.logprocessor.core.consistency.AckTally;
import com.logprocessor.core.consistency.AckTally.Reply;
import com.logprocessor.core.membership.MembershipSnapshot;
import com.logprocessor.support.membership.RingView;
import com.logprocessor.support.storage.NodeFanOut;
import com.logprocessor.support.storage.NodeFanOut.Answer;
import com.logprocessor.support.storage.StorageApi.Conflict;
import com.logprocessor.support.storage.StorageApi.StoreResult;
import com.logprocessor.support.storage.StorageNodeClient;
import com.logprocessor.support.storage.StorageNodeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of writes: a {@link ReplicaPlan} (each entry to its replicas, one batch per UP node),
 * sent to all nodes at once through {@link NodeFanOut}, then an {@link AckTally} per entry decides
 * whether it met its consistency level, may meet it later (replicas unreachable: the caller holds
 * it and tries again) or never will (replicas refused it). Who did not take a written entry is in
 * its report, for hints; this class sends none itself, so a round that is retried sends none twice.
 */
public class ReplicationService {

    private static final Logger log = LoggerFactory.getLogger(ReplicationService.class);

    private final RingView ringView;
    private final StorageNodeClient client;
    private final ReplicaWriter writer;
    private final int replicationFactor;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Counter> routed = new ConcurrentHashMap<>();

    public ReplicationService(RingView ringView, StorageNodeClient client, ReplicaWriter writer, int replicationFactor,
                              MeterRegistry meters, Clock clock) {
        this.ringView = ringView;
        this.client = client;
        this.writer = writer;
        this.replicationFactor = replicationFactor;
        this.meters = meters;
        this.clock = clock;
    }

    /** The replicas of a key now (its preference list on the replica ring). */
    public List<String> replicasOf(String partitionKey) {
        return ringView.snapshot().replicaRing().preferenceList(partitionKey, replicationFactor).replicas();
    }

    public WriteReport write(List<Placement> placements) {
        MembershipSnapshot snapshot = ringView.snapshot();
        ReplicaPlan plan = ReplicaPlan.of(placements, snapshot, replicationFactor, client::encode);
        Map<String, Answer<StoreResult>> answers = NodeFanOut.call(snapshot, plan.nodes(),
                (node, url) -> writer.write(node, url, plan.batch(node)), clock);

        // Per node: which entries it refused (its key holds another id), or whether it refused the whole batch.
        Map<String, Set<UUID>> refusedIds = new HashMap<>();
        Set<String> refusedBatch = new HashSet<>();
        Map<UUID, Conflict> storedElsewhere = new HashMap<>();
        answers.forEach((node, answer) -> {
            if (answer.ok()) {
                routed(node).increment(plan.batch(node).size());
                for (Conflict c : answer.value().conflicts()) {
                    if (c.idStoredElsewhere()) {
                        storedElsewhere.putIfAbsent(c.id(), c);
                    } else {
                        refusedIds.computeIfAbsent(node, n -> new HashSet<>()).add(c.id());
                        log.error("{} holds another entry at {}/{}: {} was not stored there", node,
                                c.partitionKey(), c.sequence(), c.id());
                    }
                }
            } else if (isRefusal(answer.failure())) {
                refusedBatch.add(node);
                log.error("{} refused a batch of {} entries: {}", node, plan.batch(node).size(),
                        answer.failure().getMessage());
            } else {
                log.debug("write of {} entries to {} failed: {}", plan.batch(node).size(), node,
                        answer.failure().toString());
            }
        });

        List<WriteReport.Written> written = new ArrayList<>();
        List<WriteReport.Unavailable> unavailable = new ArrayList<>();
        List<WriteReport.Refused> refused = new ArrayList<>();
        for (ReplicaPlan.Item item : plan.items()) {
            UUID id = item.placement().entry().id();
            AckTally tally = new AckTally(item.placement().consistency(), replicationFactor, item.replicas());
            for (String node : item.replicas()) {
                Answer<StoreResult> answer = answers.get(node); // null: DOWN, not called
                if (refusedBatch.contains(node) || refusedIds.getOrDefault(node, Set.of()).contains(id)) {
                    tally.record(node, Reply.REFUSED);
                } else if (answer != null && answer.ok()) {
                    tally.record(node, Reply.ACK);
                }
            }
            switch (tally.outcome()) {
                case MET -> written.add(new WriteReport.Written(item.placement(), item.replicas(), tally.acks(),
                        tally.unreachable(), durableAt(tally, answers), item.encoded(), storedElsewhere.get(id)));
                case UNAVAILABLE -> unavailable.add(new WriteReport.Unavailable(item.placement(), tally.describe()));
                case REFUSED -> refused.add(new WriteReport.Refused(item.placement(), tally.describe()));
            }
        }
        return new WriteReport(written, unavailable, refused);
    }

    /** A 4xx: the node answered that this request will never succeed (a retry or a hint cannot help). */
    private static boolean isRefusal(Throwable failure) {
        return failure instanceof StorageNodeException e && !e.isRetryable() && e.status() > 0;
    }

    /** When the {@code required}-th of the replicas that took the entry answered. */
    private static long durableAt(AckTally tally, Map<String, Answer<StoreResult>> answers) {
        long[] times = tally.acknowledged().stream().mapToLong(node -> answers.get(node).answeredAtMillis()).toArray();
        Arrays.sort(times);
        return times[Math.min(times.length, tally.required()) - 1];
    }

    private Counter routed(String node) {
        return routed.computeIfAbsent(node, n -> Counter.builder("logs.routed").tag("target_node", n)
                .description("Entries written to each storage node").register(meters));
    }
}
