package com.logprocessor.core.ring.allocation;

import com.logprocessor.core.ring.Ring;
import com.logprocessor.core.token.Token;
import java.util.Arrays;
import java.util.List;

/**
 * A mutable working copy of a ring used while allocating one node's tokens: tokens and owners as
 * arrays, each range's replica list, and each node's primary and replicated ownership (in token
 * units). {@link #evaluate} predicts, without changing anything, how ownership would move if the
 * joining node took the start of a range; {@link #insert} makes it so.
 */
final class RingLayout {

    final int nodes;
    /** Index of the joining node (the last one). */
    final int joining;
    final int rf;
    private long[] tokens;
    private int[] owners;
    int size;
    final double[] primary;
    final double[] replicated;
    private int[][] replicas;

    /** Scratch for {@link #evaluate}: per-node changes and the nodes touched. */
    final double[] primaryDelta;
    final double[] replicatedDelta;
    final int[] touched;
    int touchedCount;

    RingLayout(Ring ring, List<String> nodeIds, int joiningIndex, int rf, int capacity) {
        this.nodes = nodeIds.size();
        this.joining = joiningIndex;
        this.rf = rf;
        this.tokens = new long[capacity];
        this.owners = new int[capacity];
        this.size = ring.tokenCount();
        for (int i = 0; i < size; i++) {
            tokens[i] = ring.tokenAt(i);
            owners[i] = nodeIds.indexOf(ring.ownerAt(i));
        }
        this.primary = new double[nodes];
        this.replicated = new double[nodes];
        this.primaryDelta = new double[nodes];
        this.replicatedDelta = new double[nodes];
        this.touched = new int[nodes];
        recompute();
    }

    int ownerAt(int i) {
        return owners[i];
    }

    long tokenAt(int i) {
        return tokens[i];
    }

    /** Index of the first token at or after {@code token}, wrapping. */
    int indexOf(long token) {
        int pos = Arrays.binarySearch(tokens, 0, size, token);
        pos = pos >= 0 ? pos : -pos - 1;
        return pos == size ? 0 : pos;
    }

    int previous(int i) {
        return (i - 1 + size) % size;
    }

    long rangeSize(int i) {
        return size == 1 ? Token.SPACE : Token.distance(tokens[previous(i)], tokens[i]);
    }

    /** A node's tokens, ascending. */
    long[] tokensOf(int node) {
        long[] out = new long[size];
        int k = 0;
        for (int i = 0; i < size; i++) {
            if (owners[i] == node) {
                out[k++] = tokens[i];
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** Gives the joining node the first {@code amount} tokens of range {@code i}. */
    void insert(int i, long amount) {
        long token = (tokens[previous(i)] + amount) % Token.SPACE;
        int pos = Arrays.binarySearch(tokens, 0, size, token);
        if (pos >= 0) {
            throw new IllegalStateException("token " + token + " is taken");
        }
        pos = -pos - 1;
        System.arraycopy(tokens, pos, tokens, pos + 1, size - pos);
        System.arraycopy(owners, pos, owners, pos + 1, size - pos);
        tokens[pos] = token;
        owners[pos] = joining;
        size++;
        recompute();
    }

    /** Removes the token at index {@code i}: its range goes back to the next token's owner. */
    void remove(int i) {
        System.arraycopy(tokens, i + 1, tokens, i, size - i - 1);
        System.arraycopy(owners, i + 1, owners, i, size - i - 1);
        size--;
        recompute();
    }

    private void recompute() {
        Arrays.fill(primary, 0);
        Arrays.fill(replicated, 0);
        replicas = new int[size][];
        for (int i = 0; i < size; i++) {
            long s = rangeSize(i);
            primary[owners[i]] += s;
            replicas[i] = walk(i);
            for (int r : replicas[i]) {
                replicated[r] += s;
            }
        }
    }

    /** The first {@code rf} distinct owners clockwise from token index {@code i}. */
    private int[] walk(int i) {
        int[] out = new int[rf];
        int c = 0;
        for (int step = 0; step < size && c < rf; step++) {
            int o = owners[(i + step) % size];
            if (!contains(out, c, o)) {
                out[c++] = o;
            }
        }
        return c == rf ? out : Arrays.copyOf(out, c);
    }

    private static boolean contains(int[] a, int n, int v) {
        for (int q = 0; q < n; q++) {
            if (a[q] == v) {
                return true;
            }
        }
        return false;
    }

    /**
     * Fills {@link #primaryDelta}, {@link #replicatedDelta} and {@link #touched} with the change
     * if the joining node took the first {@code amount} of range {@code i}, whose end token is
     * owned by O:
     * <ul>
     *   <li>primary: the joining node gains {@code amount}, O loses it;</li>
     *   <li>the split-off part gets replicas [joining, then the range's old replicas without it],
     *       so the last old replica loses {@code amount} (unless the joining node was one);</li>
     *   <li>the rest of the range keeps its replicas, unless the ring has fewer than RF nodes;</li>
     *   <li>each preceding range whose replica walk reaches the new token before finding RF
     *       distinct nodes gains the joining node and loses its last replica.</li>
     * </ul>
     */
    void evaluate(int i, long amount) {
        for (int q = 0; q < touchedCount; q++) {
            primaryDelta[touched[q]] = 0;
            replicatedDelta[touched[q]] = 0;
        }
        touchedCount = 0;
        change(joining, amount, 0);
        change(owners[i], -amount, 0);

        int[] old = replicas[i];
        if (!contains(old, old.length, joining)) {
            change(joining, 0, amount);
            if (old.length == rf) {
                change(old[rf - 1], 0, -amount); // pushed out of the split-off part
            } else {
                // Fewer than RF nodes in the ring: the walk from the range's end goes all the way
                // round to the new token, so the joining node replicates the rest of it too.
                change(joining, 0, rangeSize(i) - amount);
            }
        }

        // Walk back over preceding ranges; seen holds the distinct owners from range j up to i-1.
        int[] seen = new int[rf];
        int seenCount = 0;
        for (int step = 1; step < size; step++) {
            int j = (i - step + size) % size;
            int o = owners[j];
            if (!contains(seen, seenCount, o)) {
                if (seenCount == rf) {
                    break;
                }
                seen[seenCount++] = o;
            }
            if (seenCount >= rf) {
                break; // range j's replicas are all found before the new token
            }
            if (contains(seen, seenCount, joining) || contains(replicas[j], replicas[j].length, joining)) {
                continue; // already a replica of range j: the set does not change
            }
            long s = rangeSize(j);
            change(joining, 0, s);
            if (replicas[j].length == rf) {
                change(replicas[j][rf - 1], 0, -s);
            }
        }
    }

    private void change(int node, double primaryChange, double replicatedChange) {
        if (primaryDelta[node] == 0 && replicatedDelta[node] == 0 && !isTouched(node)) {
            touched[touchedCount++] = node;
        }
        primaryDelta[node] += primaryChange;
        replicatedDelta[node] += replicatedChange;
    }

    private boolean isTouched(int node) {
        for (int q = 0; q < touchedCount; q++) {
            if (touched[q] == node) {
                return true;
            }
        }
        return false;
    }
}
