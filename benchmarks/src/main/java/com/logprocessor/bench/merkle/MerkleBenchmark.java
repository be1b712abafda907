package com.logprocessor.bench.merkle;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.merkle.MerkleTree;
import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.core.merkle.Segments;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Anti-entropy over one partition of 1,000,000 entries (sequences 1..1,000,000), segments of
 * 1000 sequences (1000 segments) and a tree of depth 10 (1024 leaves, one segment each):
 * <ul>
 *   <li>{@code recomputeDigests}: the periodic full verification, hashing every entry
 *       ({@link com.logprocessor.core.merkle.EntryHash}) into its segment digest;</li>
 *   <li>{@code buildTree}: a {@link MerkleTree} from the 1000 digests (what a tree costs when the
 *       digests are kept up to date);</li>
 *   <li>{@code diffTrees}: comparing two replicas' trees that differ in 0, 1 or 10 segments.</li>
 * </ul>
 * The entries are generated once per trial and held in memory, hence the larger heap.
 * {@code recomputeDigests} takes most of a second per call, so its iterations are 2 s long.
 */
@BenchmarkMode(Mode.AverageTime)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
// Longer warm-up than routing: with a million entries in the heap and Guava's hashers to compile,
// scores keep falling for about 6 s (measured here: buildTree 1040 -> 180 us over 6 x 1 s).
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
public class MerkleBenchmark {

    static final int ENTRIES = 1_000_000;
    static final int SEGMENT_SIZE = 1000;
    static final int DEPTH = MerkleTree.DEFAULT_DEPTH;
    static final long SEED = 24L;

    /** One replica's partition: its entries and their digests. */
    @State(Scope.Benchmark)
    public static class Partition {
        final Segments segments = new Segments(SEGMENT_SIZE);
        LogEntry[] entries;
        List<SegmentDigest> digests;

        @Setup(Level.Trial)
        public void setUp() {
            entries = MerkleWorkload.entries(ENTRIES, SEED);
            digests = MerkleWorkload.recompute(entries, segments);
            if (digests.size() != ENTRIES / SEGMENT_SIZE) {
                throw new IllegalStateException("expected " + ENTRIES / SEGMENT_SIZE + " segments, got " + digests.size());
            }
        }
    }

    /** Two replicas' trees that differ in {@code differingSegments} segments. */
    @State(Scope.Benchmark)
    public static class TreePair {
        @Param({"0", "1", "10"})
        int differingSegments;

        MerkleTree left;
        MerkleTree right;

        @Setup(Level.Trial)
        public void setUp(Partition p) {
            left = MerkleTree.build(p.digests, DEPTH);
            right = MerkleTree.build(
                    MerkleWorkload.withChangedSegments(p.digests, differingSegments, p.entries, p.segments), DEPTH);
            int found = left.diff(right).size();
            if (found != differingSegments) {
                throw new IllegalStateException("trees differ in " + found + " segments, wanted " + differingSegments);
            }
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Measurement(iterations = 5, time = 2)
    public List<SegmentDigest> recomputeDigests(Partition p) {
        return MerkleWorkload.recompute(p.entries, p.segments);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public MerkleTree buildTree(Partition p) {
        return MerkleTree.build(p.digests, DEPTH);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public List<Long> diffTrees(TreePair pair) {
        return pair.left.diff(pair.right);
    }
}
