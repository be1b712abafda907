package com.logprocessor.merkle.tree;

/**
 * A built tree as the cache keeps it (JSON in Redis): its root and shape, and the fingerprint of
 * the digests it was built from. The digests themselves are read from the node on every build, so
 * the cache never holds what could go stale.
 */
public record CachedTree(String fingerprint, long root, int depth, int segmentSize, long segmentsPerLeaf,
                         int segments, long entries, long builtAtMillis) {
}
