package com.logprocessor.support.config;

import java.time.Duration;

/**
 * Checks of duration settings in {@code @ConfigurationProperties} records' constructors, so every
 * service refuses a bad value at start-up with the same message. A null is left to the field's
 * {@code @NotNull}.
 */
public final class Durations {

    private Durations() {
    }

    /** Throws unless {@code value} (setting {@code name}) is longer than zero. */
    public static void requirePositive(String name, Duration value) {
        if (value != null && (value.isZero() || value.isNegative())) {
            throw new IllegalArgumentException(name + " (" + value + ") must be positive");
        }
    }

    /** Throws if {@code value} (setting {@code name}) is negative; zero is allowed. */
    public static void requireNotNegative(String name, Duration value) {
        if (value != null && value.isNegative()) {
            throw new IllegalArgumentException(name + " (" + value + ") must not be negative");
        }
    }
}
