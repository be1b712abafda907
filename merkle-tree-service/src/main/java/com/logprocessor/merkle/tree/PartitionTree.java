package com.logprocessor.merkle.tree;

import com.logprocessor.core.merkle.MerkleTree;
import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.merkle.node.ResolvedNode;
import java.util.List;

/**
 * One node's tree of a partition, as a build produced it: root, shape and counts, the digests it
 * stands for, and whether it came from the cache. A cached tree holds no {@link MerkleTree}; one
 * is built from the same digests only if a comparison has to walk it ({@link #merkleTree()}).
 */
public final class PartitionTree {

    private final ResolvedNode node;
    private final String partitionId;
    private final List<SegmentDigest> digests;
    private final CachedTree summary;
    private final boolean cached;
    private final long buildNanos;
    private MerkleTree tree;

    PartitionTree(ResolvedNode node, String partitionId, List<SegmentDigest> digests, CachedTree summary,
                  MerkleTree tree, boolean cached, long buildNanos) {
        this.node = node;
        this.partitionId = partitionId;
        this.digests = digests;
        this.summary = summary;
        this.tree = tree;
        this.cached = cached;
        this.buildNanos = buildNanos;
    }

    /** The tree to walk: the one built, or (for a cached tree) built now from the same digests. */
    public MerkleTree merkleTree() {
        if (tree == null) {
            tree = MerkleTree.build(digests, summary.depth());
        }
        return tree;
    }

    /** A 64-bit hash as the API shows it: 16 lower-case hex digits. */
    public static String hex(long hash) {
        return String.format("%016x", hash);
    }

    public ResolvedNode node() {
        return node;
    }

    public String partitionId() {
        return partitionId;
    }

    /** The node's digests the tree was built from. */
    public List<SegmentDigest> digests() {
        return digests;
    }

    public long root() {
        return summary.root();
    }

    public int depth() {
        return summary.depth();
    }

    public int segmentSize() {
        return summary.segmentSize();
    }

    public long segmentsPerLeaf() {
        return summary.segmentsPerLeaf();
    }

    /** Non-empty segment digests under the tree. */
    public int segments() {
        return summary.segments();
    }

    /** Entries under the tree (the sum of the segments' counts). */
    public long entries() {
        return summary.entries();
    }

    public boolean cached() {
        return cached;
    }

    /** Reading the digests and producing the tree. */
    public long buildNanos() {
        return buildNanos;
    }
}
