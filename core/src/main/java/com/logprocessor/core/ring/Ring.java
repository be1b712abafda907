package com.logprocessor.core.ring;

import com.logprocessor.core.token.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable snapshot of the consistent-hash ring: a sorted token array and, in parallel, the
 * index of each token's owner. Membership changes build a new snapshot ({@link #with},
 * {@link #without}); readers hold whichever snapshot they fetched and never lock.
 *
 * <p>Token {@code t_i} owns the range {@code (t_{i-1}, t_i]}, wrapping at the end, so a key belongs
 * to the first token at or clockwise after its own token (as in Cassandra).
 *
 * <p>Lookups go through a jump table over the top bits of the token space, giving the first
 * candidate index in O(1); with about two buckets per token the scan after it is one step on
 * average. Preference lists for small replication factors are precomputed per token index, so
 * routing allocates nothing.
 */
public final class Ring {

    /** Replication factors up to this are precomputed per token; larger ones walk the ring. */
    static final int PRECOMPUTED_RF = 5;

    public static final Ring EMPTY = new Ring(new TreeMap<>());

    private final long[] tokens;
    private final int[] owners;
    private final String[] nodeIds;
    private final Map<String, long[]> tokensByNode;
    private final int jumpShift;
    private final int[] jump;
    /** {@code preferenceLists[rf - 1][i]}: the preference list of token index {@code i}. */
    private final PreferenceList[][] preferenceLists;

    private Ring(TreeMap<String, long[]> byNode) {
        this.nodeIds = byNode.keySet().toArray(String[]::new);
        Map<String, long[]> copy = new LinkedHashMap<>();
        int total = 0;
        for (Map.Entry<String, long[]> e : byNode.entrySet()) {
            long[] sorted = e.getValue().clone();
            Arrays.sort(sorted);
            copy.put(e.getKey(), sorted);
            total += sorted.length;
        }
        this.tokensByNode = Collections.unmodifiableMap(copy);

        long[] all = new long[total];
        int[] ownerOf = new int[total];
        Map<Long, String> seen = new HashMap<>(total * 2);
        int k = 0;
        for (int n = 0; n < nodeIds.length; n++) {
            for (long t : copy.get(nodeIds[n])) {
                if (t < 0 || t > Token.MAX) {
                    throw new IllegalArgumentException("token " + t + " of " + nodeIds[n] + " is outside [0, 2^32)");
                }
                String previous = seen.put(t, nodeIds[n]);
                if (previous != null) {
                    throw new IllegalArgumentException(
                            "token " + t + " is claimed by both " + previous + " and " + nodeIds[n]);
                }
                all[k] = t;
                ownerOf[k] = n;
                k++;
            }
        }
        // Sort tokens and carry owners along: sort packed (token << 20 | node) would limit nodes;
        // an index sort is clear and runs only on membership changes.
        Integer[] order = new Integer[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(all[a], all[b]));
        this.tokens = new long[total];
        this.owners = new int[total];
        for (int i = 0; i < total; i++) {
            tokens[i] = all[order[i]];
            owners[i] = ownerOf[order[i]];
        }

        int bits = total == 0 ? 1 : Math.min(20, Math.max(4, 33 - Integer.numberOfLeadingZeros(total)));
        this.jumpShift = 32 - bits;
        this.jump = new int[(1 << bits) + 1];
        int i = 0;
        for (int b = 0; b < (1 << bits); b++) {
            long bucketStart = (long) b << jumpShift;
            while (i < total && tokens[i] < bucketStart) {
                i++;
            }
            jump[b] = i;
        }
        jump[1 << bits] = total;

        int depth = Math.min(PRECOMPUTED_RF, nodeIds.length);
        this.preferenceLists = new PreferenceList[depth][];
        for (int rf = 1; rf <= depth; rf++) {
            PreferenceList[] lists = new PreferenceList[total];
            PreferenceList previous = null;
            for (int idx = 0; idx < total; idx++) {
                List<String> replicas = walk(idx, rf);
                // Neighbouring tokens often share a list: reuse the instance to keep the table small.
                lists[idx] = previous != null && previous.replicas().equals(replicas)
                        ? previous
                        : new PreferenceList(replicas);
                previous = lists[idx];
            }
            preferenceLists[rf - 1] = lists;
        }
    }

    /** A ring of the given nodes and their tokens (unsigned 32-bit values). */
    public static Ring of(Map<String, ? extends Collection<Long>> tokensByNode) {
        TreeMap<String, long[]> byNode = new TreeMap<>();
        tokensByNode.forEach((node, ts) -> byNode.put(node, ts.stream().mapToLong(Long::longValue).toArray()));
        return new Ring(byNode);
    }

    /** A new snapshot with {@code nodeId} holding {@code nodeTokens} (replacing any tokens it had). */
    public Ring with(String nodeId, long[] nodeTokens) {
        TreeMap<String, long[]> byNode = new TreeMap<>(tokensByNode);
        byNode.put(nodeId, nodeTokens.clone());
        return new Ring(byNode);
    }

    /** A new snapshot without {@code nodeId}; this ring itself when the node is not a member. */
    public Ring without(String nodeId) {
        if (!tokensByNode.containsKey(nodeId)) {
            return this;
        }
        TreeMap<String, long[]> byNode = new TreeMap<>(tokensByNode);
        byNode.remove(nodeId);
        return new Ring(byNode);
    }

    // ---- lookups -------------------------------------------------------------------------------

    /** Index of the token owning {@code token}: the first ring token at or after it, wrapping. */
    public int indexOf(long token) {
        int n = tokens.length;
        if (n == 0) {
            throw new IllegalStateException("the ring is empty");
        }
        int b = (int) (token >>> jumpShift);
        int i = jump[b];
        int end = jump[b + 1];
        while (i < end && tokens[i] < token) {
            i++;
        }
        return i == n ? 0 : i;
    }

    /** The node owning a key's range, or {@code null} on an empty ring. */
    public String ownerOf(String key) {
        return tokens.length == 0 ? null : nodeIds[owners[indexOf(Token.hash(key))]];
    }

    /** The node owning a token, or {@code null} on an empty ring. */
    public String ownerOfToken(long token) {
        return tokens.length == 0 ? null : nodeIds[owners[indexOf(token)]];
    }

    /** The first {@code rf} distinct nodes clockwise from a key's token. */
    public PreferenceList preferenceList(String key, int rf) {
        return preferenceListOfToken(Token.hash(key), rf);
    }

    /** The first {@code rf} distinct nodes clockwise from a token. */
    public PreferenceList preferenceListOfToken(long token, int rf) {
        if (rf < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, was " + rf);
        }
        if (tokens.length == 0) {
            return PreferenceList.EMPTY;
        }
        int effective = Math.min(rf, nodeIds.length);
        int idx = indexOf(token);
        if (effective <= preferenceLists.length) {
            return preferenceLists[effective - 1][idx];
        }
        return new PreferenceList(walk(idx, effective));
    }

    private List<String> walk(int startIndex, int rf) {
        List<String> replicas = new ArrayList<>(rf);
        boolean[] taken = new boolean[nodeIds.length];
        int n = tokens.length;
        for (int step = 0; step < n && replicas.size() < rf; step++) {
            int owner = owners[(startIndex + step) % n];
            if (!taken[owner]) {
                taken[owner] = true;
                replicas.add(nodeIds[owner]);
            }
        }
        return replicas;
    }

    // ---- shape ---------------------------------------------------------------------------------

    public boolean isEmpty() {
        return tokens.length == 0;
    }

    /** Number of physical nodes. */
    public int nodeCount() {
        return nodeIds.length;
    }

    /** Number of tokens (virtual nodes) in the ring. */
    public int tokenCount() {
        return tokens.length;
    }

    /** The member node ids, sorted. */
    public SortedSet<String> nodes() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(Arrays.asList(nodeIds)));
    }

    public boolean contains(String nodeId) {
        return tokensByNode.containsKey(nodeId);
    }

    /** The sorted tokens of a node (empty when it is not a member). */
    public long[] tokensOf(String nodeId) {
        long[] ts = tokensByNode.get(nodeId);
        return ts == null ? new long[0] : ts.clone();
    }

    /** Every node's tokens, as a map from node id to sorted tokens. */
    public Map<String, List<Long>> tokensByNode() {
        Map<String, List<Long>> out = new TreeMap<>();
        tokensByNode.forEach((node, ts) -> out.put(node, Arrays.stream(ts).boxed().toList()));
        return out;
    }

    /** The token at a ring index (ascending order). */
    public long tokenAt(int index) {
        return tokens[index];
    }

    /** The owner of the token at a ring index. */
    public String ownerAt(int index) {
        return nodeIds[owners[index]];
    }

    /**
     * Size of the range a ring index owns: the distance from the previous token (exclusive) to this
     * one (inclusive). A single token owns the whole space.
     */
    public long rangeSizeAt(int index) {
        int n = tokens.length;
        if (n == 1) {
            return Token.SPACE;
        }
        long previous = tokens[(index - 1 + n) % n];
        return Token.distance(previous, tokens[index]);
    }

    // ---- ownership -----------------------------------------------------------------------------

    /** Fraction of the token space each node owns as primary; the values sum to 1. */
    public Map<String, Double> primaryOwnership() {
        double[] owned = new double[nodeIds.length];
        for (int i = 0; i < tokens.length; i++) {
            owned[owners[i]] += rangeSizeAt(i);
        }
        return toFractions(owned);
    }

    /**
     * Fraction of the token space each node holds a replica of at replication factor {@code rf};
     * the values sum to {@code min(rf, nodeCount)}. This is the share of entries a node stores.
     */
    public Map<String, Double> replicatedOwnership(int rf) {
        double[] owned = new double[nodeIds.length];
        Map<String, Integer> indexOfNode = new HashMap<>();
        for (int n = 0; n < nodeIds.length; n++) {
            indexOfNode.put(nodeIds[n], n);
        }
        for (int i = 0; i < tokens.length; i++) {
            long size = rangeSizeAt(i);
            for (String replica : preferenceListOfToken(tokens[i], rf).replicas()) {
                owned[indexOfNode.get(replica)] += size;
            }
        }
        return toFractions(owned);
    }

    private Map<String, Double> toFractions(double[] owned) {
        Map<String, Double> out = new TreeMap<>();
        for (int n = 0; n < nodeIds.length; n++) {
            out.put(nodeIds[n], owned[n] / Token.SPACE);
        }
        return out;
    }

    @Override
    public String toString() {
        return "Ring" + nodes() + " with " + tokens.length + " tokens";
    }
}
