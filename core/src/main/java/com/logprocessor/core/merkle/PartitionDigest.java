package com.logprocessor.core.merkle;

import java.util.Collection;

/**
 * The digest of a whole partition on one replica: the XOR of its segment digests' hashes (so the
 * XOR of every entry's content hash) and its entry count. Two replicas whose partition digests are
 * equal hold the same entries with overwhelming probability, so anti-entropy compares partitions
 * with one listing per node and builds {@link MerkleTree trees} only for those that differ.
 */
public record PartitionDigest(long hash, long count) {

    public static final PartitionDigest EMPTY = new PartitionDigest(0, 0);

    public PartitionDigest {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
    }

    public static PartitionDigest of(Collection<SegmentDigest> segments) {
        long hash = 0;
        long count = 0;
        for (SegmentDigest s : segments) {
            hash ^= s.hash();
            count += s.count();
        }
        return new PartitionDigest(hash, count);
    }
}
