package com.logprocessor.core.merkle;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import com.google.common.math.LongMath;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A Merkle tree of one partition on one replica, built over its {@link SegmentDigest segment
 * digests} rather than its entries, so building it costs a read of digests.
 *
 * <p>Shape: {@code 2^depth} leaves, each covering {@code segmentsPerLeaf} consecutive segments
 * (a power of two, the smallest that covers the highest segment). Two replicas' trees are
 * comparable when their shapes match; {@link #diff} reshapes the smaller one when they do not. A
 * leaf keeps its segments' digests, so a diff returns exactly the differing segments, not whole
 * leaves. Hash 0 marks an empty subtree; a non-empty one never hashes to 0.
 */
public final class MerkleTree {

    public static final int DEFAULT_DEPTH = 10;
    public static final int MAX_DEPTH = 20;

    private final int depth;
    private final long segmentsPerLeaf;
    /** Heap layout: root at 1, children of i at 2i and 2i+1, leaves at {@code 2^depth + leaf}. */
    private final long[] nodes;
    private final SegmentDigest[] digests;
    /** Leaf {@code l} holds {@code digests[leafStart[l] .. leafStart[l+1])}. */
    private final int[] leafStart;

    private MerkleTree(int depth, long segmentsPerLeaf, SegmentDigest[] sortedDigests) {
        this.depth = depth;
        this.segmentsPerLeaf = segmentsPerLeaf;
        this.digests = sortedDigests;
        int leaves = 1 << depth;
        this.nodes = new long[2 * leaves];
        this.leafStart = new int[leaves + 1];
        int d = 0;
        for (int leaf = 0; leaf < leaves; leaf++) {
            leafStart[leaf] = d;
            long end = (leaf + 1L) * segmentsPerLeaf;
            Hasher h = null;
            while (d < digests.length && digests[d].segment() < end) {
                if (h == null) {
                    h = Hashing.murmur3_128().newHasher();
                }
                h.putLong(digests[d].segment()).putLong(digests[d].hash()).putLong(digests[d].count());
                d++;
            }
            nodes[leaves + leaf] = h == null ? 0 : nonZero(h.hash().asLong());
        }
        leafStart[leaves] = d;
        for (int i = leaves - 1; i >= 1; i--) {
            long left = nodes[2 * i];
            long right = nodes[2 * i + 1];
            nodes[i] = left == 0 && right == 0 ? 0
                    : nonZero(Hashing.murmur3_128().newHasher().putLong(left).putLong(right).hash().asLong());
        }
    }

    /** A tree of the given depth whose shape covers the highest segment among the digests. */
    public static MerkleTree build(Collection<SegmentDigest> digests, int depth) {
        long maxSegment = digests.stream().mapToLong(SegmentDigest::segment).max().orElse(0);
        return build(digests, depth, segmentsPerLeafFor(maxSegment, depth));
    }

    /** A tree of an explicit shape; every digest's segment must fall inside it. */
    public static MerkleTree build(Collection<SegmentDigest> digests, int depth, long segmentsPerLeaf) {
        checkDepth(depth);
        if (segmentsPerLeaf < 1 || Long.bitCount(segmentsPerLeaf) != 1) {
            throw new IllegalArgumentException("segmentsPerLeaf must be a power of two, was " + segmentsPerLeaf);
        }
        SegmentDigest[] sorted = digests.stream()
                .filter(SegmentDigest::hasEntries)
                .sorted(Comparator.comparingLong(SegmentDigest::segment))
                .toArray(SegmentDigest[]::new);
        long capacity = (1L << depth) * segmentsPerLeaf;
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i].segment() >= capacity) {
                throw new IllegalArgumentException("segment " + sorted[i].segment()
                        + " is outside a tree of " + capacity + " segments");
            }
            if (i > 0 && sorted[i].segment() == sorted[i - 1].segment()) {
                throw new IllegalArgumentException("segment " + sorted[i].segment() + " is given twice");
            }
        }
        return new MerkleTree(depth, segmentsPerLeaf, sorted);
    }

    /** The smallest power-of-two leaf width for which {@code 2^depth} leaves cover {@code maxSegment}. */
    public static long segmentsPerLeafFor(long maxSegment, int depth) {
        checkDepth(depth);
        long needed = Math.max(1, LongMath.divide(maxSegment + 1, 1L << depth, RoundingMode.CEILING));
        return LongMath.ceilingPowerOfTwo(needed);
    }

    private static void checkDepth(int depth) {
        if (depth < 0 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("tree depth must be 0 to " + MAX_DEPTH + ", was " + depth);
        }
    }

    private static long nonZero(long h) {
        return h == 0 ? 1 : h;
    }

    /** The same digests in a tree with wider leaves (used to compare trees of different shapes). */
    public MerkleTree reshaped(long newSegmentsPerLeaf) {
        return newSegmentsPerLeaf == segmentsPerLeaf ? this
                : build(Arrays.asList(digests), depth, newSegmentsPerLeaf);
    }

    /**
     * The segments whose digests differ between this tree and {@code other} (present on one side
     * only, or with a different hash or count), ascending. Walks both trees top-down and descends
     * only where hashes differ.
     */
    public List<Long> diff(MerkleTree other) {
        if (other.depth != depth) {
            throw new IllegalArgumentException("cannot compare trees of depth " + depth + " and " + other.depth);
        }
        long width = Math.max(segmentsPerLeaf, other.segmentsPerLeaf);
        MerkleTree a = reshaped(width);
        MerkleTree b = other.reshaped(width);
        List<Long> out = new ArrayList<>();
        a.diff(b, 1, out);
        return out;
    }

    private void diff(MerkleTree other, int node, List<Long> out) {
        if (nodes[node] == other.nodes[node]) {
            return;
        }
        int leaves = 1 << depth;
        if (node >= leaves) {
            diffLeaf(other, node - leaves, out);
            return;
        }
        diff(other, 2 * node, out);
        diff(other, 2 * node + 1, out);
    }

    private void diffLeaf(MerkleTree other, int leaf, List<Long> out) {
        int i = leafStart[leaf];
        int iEnd = leafStart[leaf + 1];
        int j = other.leafStart[leaf];
        int jEnd = other.leafStart[leaf + 1];
        while (i < iEnd || j < jEnd) {
            SegmentDigest x = i < iEnd ? digests[i] : null;
            SegmentDigest y = j < jEnd ? other.digests[j] : null;
            if (y == null || (x != null && x.segment() < y.segment())) {
                out.add(x.segment());
                i++;
            } else if (x == null || y.segment() < x.segment()) {
                out.add(y.segment());
                j++;
            } else {
                if (!x.equals(y)) {
                    out.add(x.segment());
                }
                i++;
                j++;
            }
        }
    }

    public long rootHash() {
        return nodes[1];
    }

    public int depth() {
        return depth;
    }

    public long segmentsPerLeaf() {
        return segmentsPerLeaf;
    }

    /** The hash of node {@code index} at {@code level} (0 is the root, {@code depth} the leaves). */
    public long nodeHash(int level, int index) {
        if (level < 0 || level > depth || index < 0 || index >= (1 << level)) {
            throw new IndexOutOfBoundsException("no node " + index + " at level " + level);
        }
        return nodes[(1 << level) + index];
    }

    /** The digests the tree was built from, by segment. */
    public List<SegmentDigest> digests() {
        return List.of(digests);
    }

    /** Number of entries under the tree (sum of segment counts). */
    public long entryCount() {
        long n = 0;
        for (SegmentDigest d : digests) {
            n += d.count();
        }
        return n;
    }

    @Override
    public String toString() {
        return "MerkleTree[depth=" + depth + ", segmentsPerLeaf=" + segmentsPerLeaf
                + ", segments=" + digests.length + ", root=" + Long.toHexString(rootHash()) + "]";
    }
}
