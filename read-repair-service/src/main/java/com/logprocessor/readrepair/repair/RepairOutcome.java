package com.logprocessor.readrepair.repair;

import com.logprocessor.core.version.LamportVersion;
import java.util.List;

/**
 * What the repair of one entry did.
 *
 * @param partitionKey the entry's key
 * @param sequence the entry's sequence
 * @param result how it ended
 * @param reason why it failed ({@code unreachable}, {@code conflict}, {@code error}); null otherwise
 * @param newest the newest version found on the replicas; null when none holds the entry (or none answered)
 * @param written stale replicas that now hold the newest copy
 * @param down replicas skipped because they are DOWN
 */
public record RepairOutcome(String partitionKey, long sequence, Result result, String reason, LamportVersion newest,
                           List<String> written, List<String> down) {

    public enum Result {
        /** Every UP replica holds the newest copy; some had to be written. */
        REPAIRED,
        /** Every UP replica already held the newest copy. */
        CONSISTENT,
        /** No UP replica holds the entry: there is nothing to repair from. */
        ABSENT,
        /** Some UP replica may still be stale: see {@link #reason}. */
        FAILED
    }

    public RepairOutcome {
        written = List.copyOf(written);
        down = List.copyOf(down);
    }

    /** Whether every UP replica now holds {@link #newest}, so a duplicate request for it can be skipped. */
    public boolean madeConsistent() {
        return result == Result.REPAIRED || result == Result.CONSISTENT;
    }
}
