package com.logprocessor.core.merkle;

/**
 * Segments cut a partition's sequence numbers into fixed runs of {@code size}: segment 0 holds
 * sequences {@code 1..size}, segment 1 holds {@code size+1..2*size}, and so on. Anti-entropy
 * compares and exchanges whole segments.
 */
public record Segments(int size) {

    public static final int DEFAULT_SIZE = 1000;

    public Segments {
        if (size < 1) {
            throw new IllegalArgumentException("segment size must be at least 1, was " + size);
        }
    }

    public static Segments ofDefaultSize() {
        return new Segments(DEFAULT_SIZE);
    }

    /** The segment of a sequence number (sequences start at 1). */
    public long segmentOf(long sequence) {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequences start at 1, was " + sequence);
        }
        return (sequence - 1) / size;
    }

    /** First sequence in a segment. */
    public long firstSequence(long segment) {
        return segment * size + 1;
    }

    /** Last sequence in a segment. */
    public long lastSequence(long segment) {
        return (segment + 1) * size;
    }
}
