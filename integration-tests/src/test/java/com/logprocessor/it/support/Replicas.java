package com.logprocessor.it.support;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.membership.MembershipSnapshot;
import com.logprocessor.it.support.Ingest.Acked;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The Jepsen-style set check: every acknowledged log read from every one of its replicas directly
 * (each storage node's own query API, not the merged query), so a stale replica cannot hide.
 */
public final class Replicas {

    private Replicas() {
    }

    /** What one pass over the replicas found wrong; empty when every replica is complete. */
    public record Report(int keys, int copiesChecked, Map<String, Integer> missingPerNode, List<String> problems) {

        public boolean complete() {
            return missingPerNode.values().stream().allMatch(n -> n == 0) && problems.isEmpty();
        }

        @Override
        public String toString() {
            return "keys " + keys + ", copies checked " + copiesChecked + ", missing per node " + missingPerNode
                    + (problems.isEmpty() ? "" : ", problems (first 10): "
                    + problems.subList(0, Math.min(10, problems.size())));
        }
    }

    /**
     * Reads every key's logs from each of its replicas (its preference list on the ring of every
     * member) and checks: every acknowledged id is there; no id is stored twice; the key's
     * sequences run 1, 2, 3 … without a gap; an id has the same sequence on every replica.
     */
    public static Report check(Collection<Acked> acked, int replicationFactor) {
        MembershipSnapshot membership = Membership.snapshot();
        Map<String, Set<UUID>> byKey = acked.stream()
                .collect(Collectors.groupingBy(Acked::key, Collectors.mapping(Acked::id, Collectors.toSet())));
        Map<String, Integer> missing = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        int copies = 0;
        for (Map.Entry<String, Set<UUID>> key : byKey.entrySet()) {
            Map<UUID, Long> sequenceOf = new HashMap<>();
            for (String node : membership.replicaRing().preferenceList(key.getKey(), replicationFactor).replicas()) {
                String url = TestCluster.get().url(node);
                List<LogEntry> stored = Ingest.onNode(url, key.getKey());
                Set<UUID> ids = new HashSet<>();
                Set<Long> sequences = new HashSet<>();
                for (LogEntry e : stored) {
                    copies++;
                    if (!ids.add(e.id())) {
                        problems.add(e.id() + " stored twice on " + node);
                    }
                    if (!sequences.add(e.sequence())) {
                        problems.add("sequence " + e.sequence() + " of " + key.getKey() + " used twice on " + node);
                    }
                    Long other = sequenceOf.putIfAbsent(e.id(), e.sequence());
                    if (other != null && other != e.sequence()) {
                        problems.add(e.id() + " has sequence " + other + " on one replica and " + e.sequence() + " on " + node);
                    }
                }
                long absent = key.getValue().stream().filter(id -> !ids.contains(id)).count();
                missing.merge(node, (int) absent, Integer::sum);
                long max = sequences.stream().mapToLong(Long::longValue).max().orElse(0);
                if (absent == 0 && max != sequences.size()) {
                    problems.add(key.getKey() + " on " + node + " has " + sequences.size() + " sequences up to " + max
                            + ": a gap");
                }
            }
        }
        return new Report(byKey.size(), copies, missing, problems);
    }
}
