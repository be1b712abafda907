package com.logprocessor.core.consistency;

import com.logprocessor.core.entry.LogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the replicas that answered a read of one entry say, reconciled: the newest copy (last writer
 * wins by {@link com.logprocessor.core.version.LamportVersion}: counter, then writer id, so every
 * reader picks the same winner) and the replicas whose copy is missing or older, which read repair
 * must write.
 *
 * <p>Equal versions are the same write: a coordinator stamps every write with a fresh version, so
 * two copies with equal versions are in sync, and a storage node never replaces a copy with an
 * equal or older version. (A copy altered behind the system's back without a new version is found
 * by the Merkle digests, which hash the content, not by version comparison.)
 *
 * @param newest the winning copy, or null when no replica holds the entry
 * @param holders replicas whose copy is the newest
 * @param stale replicas that answered without the entry or with an older version
 */
public record ReadResolution(LogEntry newest, List<String> holders, List<String> stale) {

    public ReadResolution {
        holders = List.copyOf(holders);
        stale = List.copyOf(stale);
    }

    /** Reconciles the copies the replicas answered with (an empty optional: the replica has none). */
    public static ReadResolution of(Map<String, Optional<LogEntry>> copies) {
        LogEntry newest = null;
        for (Optional<LogEntry> copy : copies.values()) {
            if (copy.isPresent() && (newest == null || copy.get().version().isNewerThan(newest.version()))) {
                newest = copy.get();
            }
        }
        List<String> holders = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, Optional<LogEntry>> answer : copies.entrySet()) {
            Optional<LogEntry> copy = answer.getValue();
            if (newest == null) {
                continue; // nobody holds it: nothing to repair
            }
            if (copy.isPresent() && !newest.version().isNewerThan(copy.get().version())) {
                holders.add(answer.getKey());
            } else {
                stale.add(answer.getKey());
            }
        }
        return new ReadResolution(newest, holders, stale);
    }

    public boolean found() {
        return newest != null;
    }

    public boolean consistent() {
        return stale.isEmpty();
    }
}
