package com.logprocessor.core.repair;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.merkle.EntryHash;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reconciles the copies that several replicas hold of one run of sequences (a segment): per
 * sequence, the winning copy, and per replica the winners it lacks or holds differently.
 *
 * <p>The winner of a sequence is the newest copy by Lamport version (last writer wins, as reads
 * decide). Copies with the newest version but different content (altered behind the system's
 * back: no writer ever issues one version twice) are settled by content hash: the content most
 * replicas hold, ties to the smallest hash, so every reconciler picks the same one. A replica is
 * stale for a sequence when it lacks it or holds content whose hash differs from the winner's.
 *
 * <p>A key that holds different entry ids on different replicas is never repaired: versions order
 * copies of one entry, they never let one entry replace another (that would lose an acknowledged
 * log). Such sequences are reported as conflicts.
 *
 * @param winners the winning copy of every sequence any replica holds, ascending
 * @param toWrite per replica, the winners it must be sent (replicas in the order given)
 * @param conflicts sequences whose replicas hold different entry ids
 */
public record SegmentReconciliation(List<LogEntry> winners, Map<String, List<LogEntry>> toWrite,
                                    List<Long> conflicts) {

    public SegmentReconciliation {
        winners = List.copyOf(winners);
        Map<String, List<LogEntry>> copy = new LinkedHashMap<>();
        toWrite.forEach((node, entries) -> copy.put(node, List.copyOf(entries)));
        toWrite = java.util.Collections.unmodifiableMap(copy);
        conflicts = List.copyOf(conflicts);
    }

    /**
     * @param copies per replica, the entries it holds in the run (any order); every replica that
     *        was read must be present, an empty collection meaning it holds none
     */
    public static SegmentReconciliation of(Map<String, ? extends Collection<LogEntry>> copies) {
        Map<String, Map<Long, LogEntry>> bySequence = new LinkedHashMap<>();
        TreeSet<Long> sequences = new TreeSet<>();
        copies.forEach((node, entries) -> {
            Map<Long, LogEntry> held = new HashMap<>();
            for (LogEntry e : entries) {
                held.put(e.sequence(), e);
                sequences.add(e.sequence());
            }
            bySequence.put(node, held);
        });
        List<LogEntry> winners = new ArrayList<>();
        Map<String, List<LogEntry>> toWrite = new LinkedHashMap<>();
        bySequence.keySet().forEach(node -> toWrite.put(node, new ArrayList<>()));
        List<Long> conflicts = new ArrayList<>();
        for (long sequence : sequences) {
            Map<String, LogEntry> held = new LinkedHashMap<>();
            bySequence.forEach((node, entries) -> {
                LogEntry e = entries.get(sequence);
                if (e != null) {
                    held.put(node, e);
                }
            });
            if (held.values().stream().map(LogEntry::id).distinct().count() > 1) {
                conflicts.add(sequence);
                continue;
            }
            Winner winner = winnerOf(held.values());
            winners.add(winner.entry());
            bySequence.forEach((node, entries) -> {
                LogEntry mine = entries.get(sequence);
                if (mine == null || (mine != winner.entry() && EntryHash.of(mine) != winner.hash())) {
                    toWrite.get(node).add(winner.entry());
                }
            });
        }
        return new SegmentReconciliation(winners, toWrite, conflicts);
    }

    private record Winner(LogEntry entry, long hash) {
    }

    private static Winner winnerOf(Collection<LogEntry> copies) {
        LogEntry newest = null;
        for (LogEntry e : copies) {
            if (newest == null || e.version().isNewerThan(newest.version())) {
                newest = e;
            }
        }
        // Among the newest-version copies: the content most replicas hold, ties to the smallest hash.
        Map<Long, Integer> votes = new TreeMap<>();
        Map<Long, LogEntry> byHash = new HashMap<>();
        for (LogEntry e : copies) {
            if (e.version().equals(newest.version())) {
                long hash = EntryHash.of(e);
                votes.merge(hash, 1, Integer::sum);
                byHash.putIfAbsent(hash, e);
            }
        }
        long best = 0;
        int bestVotes = -1;
        for (Map.Entry<Long, Integer> v : votes.entrySet()) { // ascending hash: the first of equal counts wins
            if (v.getValue() > bestVotes) {
                best = v.getKey();
                bestVotes = v.getValue();
            }
        }
        return new Winner(byHash.get(best), best);
    }

    /** Copies that must be written, over all replicas. */
    public int staleCopies() {
        return toWrite.values().stream().mapToInt(List::size).sum();
    }

    public boolean consistent() {
        return staleCopies() == 0 && conflicts.isEmpty();
    }
}
