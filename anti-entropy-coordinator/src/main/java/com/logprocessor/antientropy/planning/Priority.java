package com.logprocessor.antientropy.planning;

import com.logprocessor.support.antientropy.RepairReason;

/** Job priorities, lower first: data a node is missing for sure before data it might be missing. */
public final class Priority {

    /** A node that joined, came back, or took over a forgotten member's ranges: it lacks data for sure. */
    public static final int RING_CHANGE = 0;
    /**
     * A replica known to have missed writes that nothing else will bring: its hints expired or were
     * given up, or its node found digests that did not match its entries.
     */
    public static final int KNOWN_LOSS = 10;
    /** An operator asked. */
    public static final int TRIGGER = 20;
    /** The periodic cycle. */
    public static final int CYCLE = 100;

    private Priority() {
    }

    /** The priority of a job asked for with {@code reason}. */
    public static int of(RepairReason reason) {
        return switch (reason) {
            case TRIGGER -> Priority.TRIGGER;
            case HINTS_EXPIRED, HINTS_DROPPED, DIGESTS_CORRECTED -> Priority.KNOWN_LOSS;
        };
    }
}
