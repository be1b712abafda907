package com.logprocessor.coordinator.replication;

import java.util.List;
import java.util.Set;

/** The outcome of one round of replica writes for a set of placements. */
public record WriteReport(List<Written> written, List<Failed> failed) {

    /**
     * Met its consistency level; {@code missed} are replicas that did not take it (they get hints).
     * {@code durableAtMillis} is when the last replica its level needed answered: from then on a
     * read at that level finds it, even while slower replicas are still writing.
     */
    public record Written(Placement placement, List<String> replicas, int acks, Set<String> missed,
                          long durableAtMillis) {
    }

    /** Did not meet its consistency level this round. */
    public record Failed(Placement placement, int acks, int required, String reason) {
    }
}
