package com.logprocessor.bench.merkle;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.core.merkle.EntryHash;
import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.core.merkle.Segments;
import com.logprocessor.core.version.LamportVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The data of the Merkle benchmark, kept apart from JMH so tests can check it on small inputs: one
 * partition's stored entries, their segment digests, and a second replica's digests that differ in
 * a chosen number of segments.
 */
public final class MerkleWorkload {

    /** The partition every entry belongs to. */
    public static final String PARTITION_KEY = "10.20.30.40";

    private static final LogLevel[] LEVELS = LogLevel.values();

    private MerkleWorkload() {
    }

    /**
     * Valid stored entries of {@link #PARTITION_KEY} with sequences {@code 1..count} (element
     * {@code i} has sequence {@code i + 1}): random id, timestamp, level, source IP, service and
     * message, an attribute on half of them, and a placed Lamport version.
     */
    public static LogEntry[] entries(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        LogEntry[] out = new LogEntry[count];
        for (int i = 0; i < count; i++) {
            out[i] = new LogEntry(
                    new UUID(r.nextLong(), r.nextLong()),
                    PARTITION_KEY,
                    i + 1L,
                    Instant.ofEpochSecond(1_700_000_000L + r.nextInt(10_000_000), r.nextInt(1_000_000_000)),
                    LEVELS[r.nextInt(LEVELS.length)],
                    "10.0." + r.nextInt(256) + "." + r.nextInt(256),
                    "svc-" + r.nextInt(10),
                    "request " + Long.toHexString(r.nextLong()) + " handled in " + r.nextInt(5000) + " ms",
                    r.nextBoolean() ? Map.of() : Map.of("region", "eu-" + r.nextInt(4)),
                    new LamportVersion(1 + r.nextInt(1000), "coordinator-" + r.nextInt(3)));
        }
        return out;
    }

    /**
     * A full recomputation of the segment digests: the {@link EntryHash} of every entry XORed into
     * its segment's digest. Returns the non-empty segments' digests, by segment.
     */
    public static List<SegmentDigest> recompute(LogEntry[] entries, Segments segments) {
        SegmentDigest[] bySegment = new SegmentDigest[16];
        int highest = -1;
        for (LogEntry e : entries) {
            int s = Math.toIntExact(segments.segmentOf(e.sequence()));
            if (s >= bySegment.length) {
                bySegment = java.util.Arrays.copyOf(bySegment, Math.max(s + 1, bySegment.length * 2));
            }
            SegmentDigest d = bySegment[s];
            bySegment[s] = (d == null ? SegmentDigest.empty(s) : d).add(EntryHash.of(e));
            highest = Math.max(highest, s);
        }
        List<SegmentDigest> out = new ArrayList<>(highest + 1);
        for (int s = 0; s <= highest; s++) {
            if (bySegment[s] != null) {
                out.add(bySegment[s]);
            }
        }
        return out;
    }

    /**
     * Another replica's digests: the same as {@code digests} except in {@code differing} segments
     * spread evenly over them, in each of which one entry holds a newer version (its old hash XORed
     * out, the new one in, as a storage node updates a digest).
     */
    public static List<SegmentDigest> withChangedSegments(
            List<SegmentDigest> digests, int differing, LogEntry[] entries, Segments segments) {
        if (differing < 0 || differing > digests.size()) {
            throw new IllegalArgumentException("cannot change " + differing + " of " + digests.size() + " segments");
        }
        List<SegmentDigest> out = new ArrayList<>(digests);
        for (int k = 0; k < differing; k++) {
            int position = (int) ((long) k * digests.size() / differing + digests.size() / (2L * differing));
            SegmentDigest d = out.get(position);
            LogEntry old = entries[Math.toIntExact(segments.firstSequence(d.segment()) - 1)];
            LamportVersion v = old.version();
            LogEntry newer = old.withVersion(new LamportVersion(v.counter() + 1, v.writerId()));
            out.set(position, d.replace(EntryHash.of(old), EntryHash.of(newer)));
        }
        return out;
    }
}
