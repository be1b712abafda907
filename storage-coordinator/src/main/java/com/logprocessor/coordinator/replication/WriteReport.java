package com.logprocessor.coordinator.replication;

import com.logprocessor.support.storage.StorageApi.Conflict;
import java.util.List;

/**
 * The outcome of one round of replica writes, one list per {@link com.logprocessor.core.consistency.AckTally.Outcome}.
 * Every placement of the round is in exactly one list.
 */
public record WriteReport(List<Written> written, List<Unavailable> unavailable, List<Refused> refused) {

    /**
     * Met its consistency level. {@code missed} are replicas that did not take it but may later
     * (they get hints); {@code encoded} is the entry as sent, for those hints.
     * {@code durableAtMillis} is when the last replica its level needed answered: from then on a
     * read at that level finds it, even while slower replicas are still writing.
     * {@code storedElsewhere} is set when replicas answered that its id is already stored at
     * another key: a client's retry of an entry stored before, which is durable there, not here.
     */
    public record Written(Placement placement, List<String> replicas, int acks, List<String> missed,
                          long durableAtMillis, byte[] encoded, Conflict storedElsewhere) {
    }

    /** Not met because replicas did not answer: it may be met later (the entry is held, never dropped). */
    public record Unavailable(Placement placement, String reason) {
    }

    /** Not met because replicas refused it (another entry holds its key, or a rejected request): it never will be. */
    public record Refused(Placement placement, String reason) {
    }

    public boolean allWritten() {
        return unavailable.isEmpty() && refused.isEmpty();
    }
}
