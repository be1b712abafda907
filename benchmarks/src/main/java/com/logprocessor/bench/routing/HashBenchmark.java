package com.logprocessor.bench.routing;

import com.logprocessor.bench.baseline.TreeMapRing;
import com.logprocessor.bench.support.Keys;
import com.logprocessor.bench.support.Rings;
import com.logprocessor.core.ring.Ring;
import com.logprocessor.core.ring.allocation.BalancedTokenAllocator;
import com.logprocessor.core.token.Token;
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
 * Evidence for a proposed change to core: what routing would cost with {@link Murmur3Candidate}
 * instead of Guava's {@code hashString} inside {@link Token#hash}, for our ring and for the
 * baseline alike (both would use the faster hash). Compare with {@link RoutingBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HashBenchmark {

    /** The key array and a cursor over it, as in {@link RoutingBenchmark}. */
    @State(Scope.Thread)
    public static class Cursor {
        String[] keys;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            keys = Keys.ipv4(1 << 16, RoutingBenchmark.KEY_SEED);
        }

        String nextKey() {
            return keys[next++ & (keys.length - 1)];
        }
    }

    /** Both rings, as in {@link RoutingBenchmark}. */
    @State(Scope.Thread)
    public static class RingPair {
        @Param({"3", "12"})
        int nodes;

        Ring ring;
        TreeMapRing treeMap;

        @Setup(Level.Trial)
        public void setUp() {
            ring = Rings.joinOneByOne(new BalancedTokenAllocator(), nodes, Rings.DEFAULT_VNODES);
            treeMap = new TreeMapRing(Rings.DEFAULT_VNODES);
            for (int n = 1; n <= nodes; n++) {
                treeMap.addNode(Rings.nodeId(n));
            }
        }
    }

    @Benchmark
    public long guavaHash(Cursor c) {
        return Token.hash(c.nextKey());
    }

    @Benchmark
    public long candidateHash(Cursor c) {
        return Murmur3Candidate.hash(c.nextKey());
    }

    @Benchmark
    public String ringOwnerOfWithCandidateHash(Cursor c, RingPair r) {
        return r.ring.ownerOfToken(Murmur3Candidate.hash(c.nextKey()));
    }

    @Benchmark
    public String treeMapOwnerOfWithCandidateHash(Cursor c, RingPair r) {
        return r.treeMap.ownerOfToken(Murmur3Candidate.hash(c.nextKey()));
    }
}
