package com.logprocessor.core.version;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A Lamport clock for one writer: {@link #tick()} stamps a new event, {@link #observe} merges a
 * version seen from elsewhere so the next tick is newer than everything observed. Thread-safe and
 * lock-free.
 */
public final class LamportClock {

    private final String writerId;
    private final AtomicLong counter;

    public LamportClock(String writerId) {
        this(writerId, 0);
    }

    /** A clock that resumes after {@code start} (for example the highest counter persisted). */
    public LamportClock(String writerId, long start) {
        // Validates the writer id once, the same way every version does.
        new LamportVersion(start, writerId);
        this.writerId = writerId;
        this.counter = new AtomicLong(start);
    }

    /** A new version, newer than every version this clock has made or observed. */
    public LamportVersion tick() {
        return new LamportVersion(counter.incrementAndGet(), writerId);
    }

    /** Merges a received version: later ticks are newer than it. */
    public void observe(LamportVersion seen) {
        if (seen != null) {
            counter.accumulateAndGet(seen.counter(), Math::max);
        }
    }

    /** The counter of the last event made or observed. */
    public long current() {
        return counter.get();
    }

    public String writerId() {
        return writerId;
    }
}
