package com.logprocessor.merkle.tree;

/**
 * Body of the answer to {@code POST /api/merkle/build}.
 *
 * @param node the node's id, or null when no ring member serves on {@code nodeUrl}
 * @param root the root hash, 16 hex digits ({@code 0000000000000000} for a partition the node does not hold)
 * @param leafCount leaves of the tree: {@code 2^depth}
 * @param segmentsPerLeaf consecutive segments under each leaf (a power of two wide enough for the
 *        partition's highest segment)
 * @param segments non-empty segment digests the tree was built from
 * @param entries entries under the tree (the sum of the segments' counts)
 * @param buildMillis reading the digests and producing the tree
 * @param cached whether the tree came from the cache (built earlier from the same digests)
 */
public record BuildAnswer(String partitionId, String node, String nodeUrl, String root, int depth, int segmentSize,
                          long leafCount, long segmentsPerLeaf, int segments, long entries, long buildMillis,
                          boolean cached) {

    public static BuildAnswer of(PartitionTree t) {
        return new BuildAnswer(t.partitionId(), t.node().id(), t.node().url(), PartitionTree.hex(t.root()), t.depth(),
                t.segmentSize(), 1L << t.depth(), t.segmentsPerLeaf(), t.segments(), t.entries(),
                t.buildNanos() / 1_000_000, t.cached());
    }
}
