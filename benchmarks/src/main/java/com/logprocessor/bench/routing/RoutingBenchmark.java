package com.logprocessor.bench.routing;

import com.logprocessor.bench.baseline.TreeMapRing;
import com.logprocessor.bench.support.Keys;
import com.logprocessor.bench.support.Rings;
import com.logprocessor.core.ring.PreferenceList;
import com.logprocessor.core.ring.Ring;
import com.logprocessor.core.ring.allocation.BalancedTokenAllocator;
import com.logprocessor.core.token.Token;
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
 * Routing: hash a key and find its owner or its preference list. {@code ring*} measure core's
 * {@link Ring} (balanced tokens, 150 vnodes per node, nodes joined one by one); {@code treeMap*}
 * measure the seed's {@link TreeMapRing} with the same hash and vnode count; {@code hashOnly} is the
 * Murmur3 hash alone, the floor every routing pays. {@code *TokenOnly} look up pre-hashed tokens, to
 * separate the ring structure's cost from the hash's.
 *
 * <p>Keys cycle through a pre-generated array of 2^16 (by default; {@code -p keyCount=...}) random
 * IPv4 strings, so the JIT cannot fold the lookup and the branch predictor sees real variety.
 * Results are returned, so JMH consumes them.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class RoutingBenchmark {

    static final long KEY_SEED = 24L;
    static final int RF = 3;

    @Param({"3", "12"})
    int nodes;

    /** Size of the key array, a power of two (2^16 keys take about 4 MB: beyond L2, inside L3). */
    @Param({"65536"})
    int keyCount;

    Ring ring;
    TreeMapRing treeMap;
    String[] keys;
    long[] tokens;
    int keyMask;
    int next;

    @Setup(Level.Trial)
    public void setUp() {
        if (Integer.bitCount(keyCount) != 1) {
            throw new IllegalArgumentException("keyCount must be a power of two, was " + keyCount);
        }
        keys = Keys.ipv4(keyCount, KEY_SEED);
        tokens = Keys.tokens(keys);
        keyMask = keyCount - 1;
        ring = Rings.joinOneByOne(new BalancedTokenAllocator(), nodes, Rings.DEFAULT_VNODES);
        treeMap = new TreeMapRing(Rings.DEFAULT_VNODES);
        for (int n = 1; n <= nodes; n++) {
            treeMap.addNode(Rings.nodeId(n));
        }
    }

    private String nextKey() {
        return keys[next++ & keyMask];
    }

    private long nextToken() {
        return tokens[next++ & keyMask];
    }

    @Benchmark
    public long hashOnly() {
        return Token.hash(nextKey());
    }

    @Benchmark
    public String ringOwnerOf() {
        return ring.ownerOf(nextKey());
    }

    @Benchmark
    public PreferenceList ringPreferenceList() {
        return ring.preferenceList(nextKey(), RF);
    }

    @Benchmark
    public String treeMapOwnerOf() {
        return treeMap.ownerOf(nextKey());
    }

    @Benchmark
    public List<String> treeMapPreferenceList() {
        return treeMap.preferenceList(nextKey(), RF);
    }

    @Benchmark
    public String ringOwnerOfTokenOnly() {
        return ring.ownerOfToken(nextToken());
    }

    @Benchmark
    public String treeMapOwnerOfTokenOnly() {
        return treeMap.ownerOfToken(nextToken());
    }
}
