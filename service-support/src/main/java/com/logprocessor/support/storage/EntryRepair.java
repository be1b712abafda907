package com.logprocessor.support.storage;

import com.logprocessor.core.consistency.ReadResolution;
import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.membership.MembershipSnapshot;
import com.logprocessor.support.storage.NodeFanOut.Answer;
import com.logprocessor.support.storage.StorageApi.StoreResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The I/O of repairing one entry, shared by the coordinator (a read with {@code repair=blocking})
 * and the read-repair-service: read the entry's copies from some replicas at once, and write the
 * newest copy to the stale ones. A storage node replaces a stored copy only with a strictly newer
 * version, so a repair can never write an older version over a newer one, even when it races a
 * newer write.
 */
public class EntryRepair {

    private final StorageNodeClient client;
    private final Clock clock;
    private final Duration deadline;

    /** {@code deadline} bounds each fan-out, whatever the client's own timeouts. */
    public EntryRepair(StorageNodeClient client, Clock clock, Duration deadline) {
        this.client = client;
        this.clock = clock;
        this.deadline = deadline;
    }

    /** What some replicas hold of one entry: the copies of those that answered, and who did not. */
    public record Copies(Map<String, Optional<LogEntry>> answered, Map<String, Throwable> failed) {

        public ReadResolution resolve() {
            return ReadResolution.of(answered);
        }
    }

    /** What a repair write did: nodes that now hold the newest copy (or a newer one), and why others do not. */
    public record Written(List<String> repaired, Map<String, String> failed) {

        public boolean complete() {
            return failed.isEmpty();
        }
    }

    /** Reads {@code partitionKey}/{@code sequence} from every node in {@code nodes} at once. */
    public Copies read(MembershipSnapshot snapshot, Collection<String> nodes, String partitionKey, long sequence) {
        Map<String, Answer<Optional<LogEntry>>> answers = NodeFanOut.call(snapshot, nodes,
                (node, url) -> client.read(url, partitionKey, sequence), clock, deadline);
        Map<String, Optional<LogEntry>> answered = new LinkedHashMap<>();
        Map<String, Throwable> failed = new LinkedHashMap<>();
        answers.forEach((node, answer) -> {
            if (answer.ok()) {
                answered.put(node, answer.value());
            } else {
                failed.put(node, answer.failure());
            }
        });
        return new Copies(answered, failed);
    }

    /** Writes {@code newest} to every node in {@code staleNodes} at once. */
    public Written write(MembershipSnapshot snapshot, LogEntry newest, Collection<String> staleNodes) {
        if (staleNodes.isEmpty()) {
            return new Written(List.of(), Map.of());
        }
        byte[] encoded = client.encode(newest);
        Map<String, Answer<StoreResult>> answers = NodeFanOut.call(snapshot, staleNodes,
                (node, url) -> client.storeEncoded(url, List.of(encoded)), clock, deadline);
        List<String> repaired = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        answers.forEach((node, answer) -> {
            if (!answer.ok()) {
                failed.put(node, String.valueOf(answer.failure().getMessage()));
            } else if (!answer.value().conflicts().isEmpty()) {
                failed.put(node, "conflict: " + answer.value().conflicts().get(0));
            } else {
                repaired.add(node);
            }
        });
        return new Written(repaired, failed);
    }
}
