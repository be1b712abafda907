package com.logprocessor.merkle.health;

import java.util.List;

/**
 * Body of {@code GET /api/merkle/health}.
 *
 * @param status {@code UP}, or {@code DEGRADED} while Redis does not answer (trees are then built
 *        and answered uncached)
 * @param depth {@code merkle.tree.depth}
 * @param segmentSize {@code merkle.segment.size}
 * @param nodes the storage nodes UP in ring membership, whose trees can be built by id
 * @param cache this instance's use of the tree cache since it started
 */
public record MerkleHealth(String status, int depth, int segmentSize, List<Node> nodes, Cache cache) {

    public record Node(String node, String url) {
    }

    /**
     * @param available whether Redis answers
     * @param ttlSeconds how long an unused tree stays cached ({@code merkle.cache.ttl})
     * @param hits trees answered from the cache
     * @param misses trees built (none cached, or cached for other digests)
     */
    public record Cache(boolean available, long ttlSeconds, long hits, long misses) {
    }
}
