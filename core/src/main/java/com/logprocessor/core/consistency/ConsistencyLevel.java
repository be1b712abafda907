package com.logprocessor.core.consistency;

import com.logprocessor.core.entry.Violation;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How many replicas must acknowledge a write, or answer a read, before it counts. With RF
 * replicas, QUORUM is {@code RF/2 + 1}; a write and a read at QUORUM always overlap on one replica
 * ({@code W + R > RF}), which is what makes QUORUM reads see QUORUM writes.
 */
public enum ConsistencyLevel {
    ONE,
    QUORUM,
    ALL;

    /** Replicas needed at replication factor {@code rf}. */
    public int required(int rf) {
        if (rf < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, was " + rf);
        }
        return switch (this) {
            case ONE -> 1;
            case QUORUM -> quorum(rf);
            case ALL -> rf;
        };
    }

    /** Whether {@code acks} acknowledgements meet this level at replication factor {@code rf}. */
    public boolean isMet(int acks, int rf) {
        return acks >= required(rf);
    }

    /**
     * Whether this level can still be met with {@code acks} acknowledgements so far and
     * {@code pending} replicas not yet answered.
     */
    public boolean isReachable(int acks, int pending, int rf) {
        return acks + pending >= required(rf);
    }

    /** {@code rf / 2 + 1}: a strict majority. */
    public static int quorum(int rf) {
        return rf / 2 + 1;
    }

    /** Whether reads at {@code read} are guaranteed to see writes at {@code write}. */
    public static boolean overlaps(ConsistencyLevel write, ConsistencyLevel read, int rf) {
        return write.required(rf) + read.required(rf) > rf;
    }

    /** Parses a level case-insensitively; the message lists the valid names. */
    public static ConsistencyLevel parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("consistency level is empty; use one of " + names());
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown consistency level '" + value + "'; use one of " + names(), e);
        }
    }

    /**
     * The {@code consistency} request parameter: null when absent (the reader's or writer's default
     * applies), else the level, or a violation added to {@code violations} and null.
     */
    public static ConsistencyLevel parameter(String value, List<Violation> violations) {
        if (value == null) {
            return null;
        }
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("consistency", e.getMessage()));
            return null;
        }
    }

    private static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
