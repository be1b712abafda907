package com.logprocessor.core.query;

import java.util.Locale;

/** When a read repairs the stale replicas it found. */
public enum RepairMode {
    /** A request on {@code read-repairs}; the read answers at once and read-repair-service heals. */
    ASYNC,
    /** The coordinator writes the newest copy to the stale replicas before it answers. */
    BLOCKING;

    public static RepairMode parse(String value) {
        if (value == null || value.isBlank()) {
            return ASYNC;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown repair mode '" + value + "'; use async or blocking", e);
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
