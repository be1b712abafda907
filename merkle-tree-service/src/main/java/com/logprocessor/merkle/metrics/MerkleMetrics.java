package com.logprocessor.merkle.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The service's meters, registered at startup so every series exists at 0 before the first tree
 * (rate() and the dashboards need them). Counts are this instance's since it started. As exported:
 * <ul>
 *   <li>{@code merkle_tree_comparisons_total{outcome}}: replica comparisons, {@code consistent}
 *       (equal roots) or {@code different}</li>
 *   <li>{@code merkle_tree_differences_total}: differing segments found by those comparisons</li>
 *   <li>{@code merkle_tree_build_seconds}: producing one node's tree of a partition, reading its
 *       digests included, from the cache or built (p50, p99)</li>
 *   <li>{@code merkle_tree_cache_total{result}}: trees answered from the Redis cache ({@code hit})
 *       or built ({@code miss})</li>
 * </ul>
 */
@Component
public class MerkleMetrics {

    public static final String CONSISTENT = "consistent";
    public static final String DIFFERENT = "different";

    private final Counter consistent;
    private final Counter different;
    private final Counter differences;
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final Timer build;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public MerkleMetrics(MeterRegistry registry) {
        this.consistent = comparisons(registry, CONSISTENT);
        this.different = comparisons(registry, DIFFERENT);
        this.differences = Counter.builder("merkle.tree.differences")
                .description("Differing segments found by Merkle tree comparisons")
                .register(registry);
        this.build = Timer.builder("merkle.tree.build")
                .description("Producing one node's Merkle tree of a partition: its digests read, then the tree"
                        + " taken from the cache or built")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.cacheHits = cache(registry, "hit");
        this.cacheMisses = cache(registry, "miss");
    }

    private static Counter comparisons(MeterRegistry registry, String outcome) {
        return Counter.builder("merkle.tree.comparisons")
                .description("Merkle tree comparisons of two replicas of a partition")
                .tag("outcome", outcome)
                .register(registry);
    }

    private static Counter cache(MeterRegistry registry, String result) {
        return Counter.builder("merkle.tree.cache")
                .description("Trees answered from the Redis cache (hit) or built (miss)")
                .tag("result", result)
                .register(registry);
    }

    /** One comparison and the differing segments it found. */
    public void compared(int differingSegments) {
        (differingSegments == 0 ? consistent : different).increment();
        if (differingSegments > 0) {
            differences.increment(differingSegments);
        }
    }

    public void built(long nanos) {
        build.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void cacheHit() {
        cacheHits.increment();
        hits.incrementAndGet();
    }

    public void cacheMiss() {
        cacheMisses.increment();
        misses.incrementAndGet();
    }

    public long cacheHits() {
        return hits.get();
    }

    public long cacheMisses() {
        return misses.get();
    }
}
