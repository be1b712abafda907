package com.logprocessor.coordinator.replication;

import java.util.List;
import java.util.Set;

/** The outcome of one round of replica writes for a set of placements. */
public record WriteReport(List<Written> written, List<Failed> failed) {

    /** Met its consistency level; {@code missed} are replicas that did not take it (they get hints). */
    public record Written(Placement placement, List<String> replicas, int acks, Set<String> missed) {
    }

    /** Did not meet its consistency level this round. */
    public record Failed(Placement placement, int acks, int required, String reason) {
    }
}
