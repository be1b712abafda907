package com.logprocessor.core.merkle;

import com.logprocessor.core.entry.LogEntry;
import java.util.Collection;

/**
 * The digest of one segment of a partition: the XOR of its entries' {@link EntryHash content
 * hashes} and their count. XOR makes it independent of insertion order and updatable in O(1):
 * adding an entry XORs its hash in, replacing a version XORs the old hash out and the new one in.
 * Each {@code (partitionKey, sequence)} is stored once, so no hash can cancel against a duplicate
 * of itself; the count catches what a 64-bit XOR alone might miss.
 */
public record SegmentDigest(long segment, long hash, long count) {

    public SegmentDigest {
        if (segment < 0) {
            throw new IllegalArgumentException("segment must not be negative, was " + segment);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
    }

    public static SegmentDigest empty(long segment) {
        return new SegmentDigest(segment, 0, 0);
    }

    /** The digest of exactly these entries (of one segment), as every replica holding them must have it. */
    public static SegmentDigest of(long segment, Collection<LogEntry> entries) {
        return new SegmentDigest(segment, EntryHash.xorOf(entries), entries.size());
    }

    /** The digest with one more entry. */
    public SegmentDigest add(long entryHash) {
        return new SegmentDigest(segment, hash ^ entryHash, count + 1);
    }

    /** The digest with an entry's old version replaced by a new one. */
    public SegmentDigest replace(long oldEntryHash, long newEntryHash) {
        return new SegmentDigest(segment, hash ^ oldEntryHash ^ newEntryHash, count);
    }

    /** Two digests of the same segment combined (entries of disjoint sets). */
    public SegmentDigest merge(SegmentDigest other) {
        if (other.segment != segment) {
            throw new IllegalArgumentException("cannot merge segment " + other.segment + " into " + segment);
        }
        return new SegmentDigest(segment, hash ^ other.hash, count + other.count);
    }

    /** Whether any entry is in the segment (named so JSON mappers do not take it for a property). */
    public boolean hasEntries() {
        return count > 0;
    }
}
