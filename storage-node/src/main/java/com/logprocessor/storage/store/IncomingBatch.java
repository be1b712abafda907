package com.logprocessor.storage.store;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.merkle.EntryHash;
import com.logprocessor.support.storage.StorageApi.Conflict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A batch reduced to at most one candidate per key before the database is consulted, applying the
 * idempotency rules among the batch's own entries as if they had been sent one after another:
 * several copies of a key keep the newest version (the others are unchanged), an id given at two
 * different keys is stored at the first one, and a key given with two different ids keeps the
 * first (the later ones are conflicts: a key holds one entry for good).
 */
final class IncomingBatch {

    /** An entry that may be written, with its content hash (computed once, stored with the row). */
    record Candidate(LogEntry entry, long hash) {

        EntryKey key() {
            return new EntryKey(entry.partitionKey(), entry.sequence());
        }
    }

    private final List<Candidate> candidates;
    private final int superseded;
    private final List<Conflict> conflicts;

    private IncomingBatch(List<Candidate> candidates, int superseded, List<Conflict> conflicts) {
        this.candidates = candidates;
        this.superseded = superseded;
        this.conflicts = conflicts;
    }

    /** The entries must already satisfy {@code LogEntryRules.validateStored}. */
    static IncomingBatch of(List<LogEntry> entries) {
        Map<EntryKey, Candidate> byKey = new LinkedHashMap<>(entries.size() * 2);
        Map<UUID, EntryKey> keyOfId = new HashMap<>(entries.size() * 2);
        List<Conflict> conflicts = new ArrayList<>(0);
        int superseded = 0;
        for (LogEntry e : entries) {
            EntryKey key = new EntryKey(e.partitionKey(), e.sequence());
            EntryKey first = keyOfId.putIfAbsent(e.id(), key);
            if (first != null && !first.equals(key)) {
                conflicts.add(new Conflict(e.id(), key.partitionKey(), key.sequence(), first.partitionKey(),
                        first.sequence()));
                continue;
            }
            Candidate current = byKey.get(key);
            if (current != null && !current.entry().id().equals(e.id())) {
                conflicts.add(new Conflict(e.id(), key.partitionKey(), key.sequence(), key.partitionKey(),
                        key.sequence()));
                continue;
            }
            if (current == null) {
                byKey.put(key, new Candidate(e, EntryHash.of(e)));
            } else {
                superseded++;
                if (e.version().isNewerThan(current.entry().version())) {
                    byKey.put(key, new Candidate(e, EntryHash.of(e)));
                }
            }
        }
        return new IncomingBatch(List.copyOf(byKey.values()), superseded, conflicts);
    }

    List<Candidate> candidates() {
        return candidates;
    }

    /** Copies that lost to a newer or equal copy of the same key in this batch. */
    int superseded() {
        return superseded;
    }

    /** Ids given at a second key, and second ids given for a key, within this batch. */
    List<Conflict> conflicts() {
        return conflicts;
    }
}
