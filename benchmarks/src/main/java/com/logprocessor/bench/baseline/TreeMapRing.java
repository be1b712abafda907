package com.logprocessor.bench.baseline;

import com.logprocessor.core.token.Token;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The baseline for the routing benchmark: the Day 24 seed's ring, rebuilt here. A
 * {@code TreeMap<Long, String>} from virtual-node token to physical node; a node's virtual nodes are
 * the Murmur3 tokens of {@code "nodeId#i"} ({@code i = 0 .. vnodes-1}, so effectively random
 * positions). A lookup hashes the key with the same {@link Token#hash} as {@code Ring} and takes
 * {@code ceilingEntry}, wrapping to {@code firstEntry}: the same ownership rule as {@code Ring}
 * (token {@code t_i} owns {@code (t_{i-1}, t_i]}), so only the data structure differs.
 *
 * <p>Mutable and not thread-safe, like the seed's; the benchmark builds it once and only reads it.
 */
public final class TreeMapRing {

    private final int vnodes;
    private final TreeMap<Long, String> ring = new TreeMap<>();
    private final Set<String> nodes = new LinkedHashSet<>();

    public TreeMapRing(int vnodes) {
        if (vnodes < 1) {
            throw new IllegalArgumentException("a node needs at least one virtual node, asked for " + vnodes);
        }
        this.vnodes = vnodes;
    }

    /** Adds a node's virtual nodes; a token some node already holds stays with it (a lost vnode). */
    public void addNode(String nodeId) {
        if (!nodes.add(nodeId)) {
            return;
        }
        for (int i = 0; i < vnodes; i++) {
            ring.putIfAbsent(Token.hash(nodeId + "#" + i), nodeId);
        }
    }

    /** The node owning a key, or {@code null} on an empty ring. */
    public String ownerOf(String key) {
        return ownerOfToken(Token.hash(key));
    }

    /** The node owning a token: the first vnode at or after it, wrapping; {@code null} on an empty ring. */
    public String ownerOfToken(long token) {
        if (ring.isEmpty()) {
            return null;
        }
        Map.Entry<Long, String> e = ring.ceilingEntry(token);
        if (e == null) {
            e = ring.firstEntry();
        }
        return e.getValue();
    }

    /** The first {@code rf} distinct nodes clockwise from a key's token (as the seed walked it). */
    public List<String> preferenceList(String key, int rf) {
        int wanted = Math.min(rf, nodes.size());
        List<String> replicas = new ArrayList<>(wanted);
        if (wanted == 0) {
            return replicas;
        }
        long token = Token.hash(key);
        for (String node : ring.tailMap(token, true).values()) {
            if (!replicas.contains(node)) {
                replicas.add(node);
                if (replicas.size() == wanted) {
                    return replicas;
                }
            }
        }
        for (String node : ring.headMap(token, false).values()) {
            if (!replicas.contains(node)) {
                replicas.add(node);
                if (replicas.size() == wanted) {
                    return replicas;
                }
            }
        }
        return replicas;
    }

    /** The token → node map (read-only view). */
    public NavigableMap<Long, String> tokens() {
        return Collections.unmodifiableNavigableMap(ring);
    }

    public int nodeCount() {
        return nodes.size();
    }

    public int tokenCount() {
        return ring.size();
    }
}
