package com.logprocessor.core.version;

import java.util.Comparator;
import java.util.Objects;

/**
 * A Lamport timestamp {@code (counter, writerId)}: totally ordered by counter, then writer id, so
 * any two versions of an entry have a single winner (last writer wins) and every replica picks the
 * same one.
 */
public record LamportVersion(long counter, String writerId) implements Comparable<LamportVersion> {

    private static final Comparator<LamportVersion> ORDER =
            Comparator.comparingLong(LamportVersion::counter).thenComparing(LamportVersion::writerId);

    public LamportVersion {
        if (counter < 0) {
            throw new IllegalArgumentException("version counter must not be negative, was " + counter);
        }
        Objects.requireNonNull(writerId, "writerId");
        if (writerId.isEmpty() || writerId.length() > 64) {
            throw new IllegalArgumentException("version writerId must be 1 to 64 characters");
        }
    }

    @Override
    public int compareTo(LamportVersion other) {
        return ORDER.compare(this, other);
    }

    /** Whether this version wins over {@code other}; any version wins over none. */
    public boolean isNewerThan(LamportVersion other) {
        return other == null || compareTo(other) > 0;
    }

    /** The winner of two versions (either may be null). */
    public static LamportVersion newest(LamportVersion a, LamportVersion b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public String toString() {
        return counter + "@" + writerId;
    }
}
