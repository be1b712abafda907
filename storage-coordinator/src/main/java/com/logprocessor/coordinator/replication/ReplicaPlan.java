package com.logprocessor.coordinator.replication;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.membership.MembershipSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One round of writes, planned before any call: each entry's replicas (its preference list on the
 * {@linkplain MembershipSnapshot#replicaRing() ring of every member}, UP or DOWN), the entry
 * encoded once whatever its number of replicas, and for every UP replica the one batch it is sent.
 * A DOWN replica gets no call: it counts as unreachable at once and gets a hint.
 */
public final class ReplicaPlan {

    /** One entry to write: its placement, its encoding, the nodes its copies belong on. */
    public record Item(Placement placement, byte[] encoded, List<String> replicas) {
    }

    private final List<Item> items;
    private final Map<String, List<byte[]>> batches;

    private ReplicaPlan(List<Item> items, Map<String, List<byte[]>> batches) {
        this.items = Collections.unmodifiableList(items);
        this.batches = Collections.unmodifiableMap(batches);
    }

    /** Plans placements on the snapshot's rings, encoding each entry once with {@code encoder}. */
    public static ReplicaPlan of(List<Placement> placements, MembershipSnapshot snapshot, int replicationFactor,
                                 Function<LogEntry, byte[]> encoder) {
        List<Item> items = new ArrayList<>(placements.size());
        Map<String, List<byte[]>> batches = new LinkedHashMap<>();
        for (Placement p : placements) {
            List<String> replicas = snapshot.replicaRing().preferenceList(p.entry().partitionKey(), replicationFactor)
                    .replicas();
            byte[] encoded = encoder.apply(p.entry());
            items.add(new Item(p, encoded, replicas));
            for (String node : replicas) {
                if (snapshot.isUp(node)) {
                    batches.computeIfAbsent(node, n -> new ArrayList<>()).add(encoded);
                }
            }
        }
        return new ReplicaPlan(items, batches);
    }

    public List<Item> items() {
        return items;
    }

    /** The UP nodes to call, each with its batch. */
    public Set<String> nodes() {
        return batches.keySet();
    }

    /** The encoded entries one node is sent, in placement order. */
    public List<byte[]> batch(String node) {
        return batches.getOrDefault(node, List.of());
    }
}
