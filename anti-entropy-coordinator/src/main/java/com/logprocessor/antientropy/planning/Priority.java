package com.logprocessor.antientropy.planning;

/** Job priorities, lower first: data a node is missing for sure before data it might be missing. */
public final class Priority {

    /** A node that joined, came back, or took over a forgotten member's ranges: it lacks data for sure. */
    public static final int RING_CHANGE = 0;
    /** An operator asked. */
    public static final int TRIGGER = 20;
    /** The periodic cycle. */
    public static final int CYCLE = 100;

    private Priority() {
    }
}
