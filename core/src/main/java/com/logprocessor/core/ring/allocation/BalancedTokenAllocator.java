package com.logprocessor.core.ring.allocation;

import com.logprocessor.core.ring.Ring;
import com.logprocessor.core.token.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses a joining node's tokens so that every node's share of the ring stays even, both as
 * primary owner and as a replica, however many nodes join one after the other. Random tokens drift
 * by about {@code 1/sqrt(vnodes)} of the mean (8% at 150 vnodes); this allocator keeps primary
 * ownership exact and replicated ownership within a few percent.
 *
 * <p>In two steps, after Mimir's spread-minimizing tokens and Cassandra's replication-aware
 * allocator:
 * <ol>
 *   <li><b>Budget (primary ownership).</b> Fair share is proportional to token count: a node
 *       with {@code v} of the ring's {@code V} tokens should own {@code v/V}. Each node above its
 *       share after the join gives up its surplus: it donates a number of tokens' worth
 *       proportional to that surplus, each of the same size, and the sizes add up to exactly the
 *       new node's share. A new token {@code t} inside a donor's range {@code (a, b]} gives the
 *       new node {@code (a, t]}; nothing else changes owner.</li>
 *   <li><b>Placement (replicated ownership).</b> Which of a donor's ranges to cut is chosen
 *       greedily, one token at a time, to minimise the squared relative deviation of every
 *       node's replicated ownership from its target (the joining node's target grows with the
 *       tokens placed so far, as in Cassandra). Inserting a token only changes the replicas of
 *       the split range and of the few ranges just before it, so each candidate is scored in
 *       O(RF).</li>
 * </ol>
 * While the ring has no more nodes than RF every node replicates everything, so placement then
 * balances for {@code nodes - 1} replicas: this mixes the first nodes' tokens well, which keeps
 * later joins balanced.
 *
 * <p>Deterministic: the same ring and token count give the same tokens. Joins must therefore be
 * serialized (membership takes a lock), or two nodes joining at once would choose the same tokens.
 */
public final class BalancedTokenAllocator implements TokenAllocator {

    public static final int DEFAULT_REPLICATION_FACTOR = 3;

    private final int replicationFactor;

    public BalancedTokenAllocator() {
        this(DEFAULT_REPLICATION_FACTOR);
    }

    /** An allocator that balances replicated ownership for {@code replicationFactor} replicas. */
    public BalancedTokenAllocator(int replicationFactor) {
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, was " + replicationFactor);
        }
        this.replicationFactor = replicationFactor;
    }

    @Override
    public long[] allocate(Ring current, String nodeId, int vnodes) {
        if (vnodes < 1) {
            throw new IllegalArgumentException("a node needs at least one token, asked for " + vnodes);
        }
        Ring ring = current.without(nodeId);
        if (ring.isEmpty()) {
            return evenlySpaced(vnodes);
        }
        Join join = new Join(ring, nodeId, vnodes, replicationFactor);
        for (int placed = 0; placed < vnodes; placed++) {
            join.placeOne((placed + 1.0) / vnodes);
        }
        // One refinement pass: move each new token to the best place given all the others.
        for (long token : join.layout.tokensOf(join.layout.joining)) {
            if (join.takeBack(token)) {
                join.placeOne(1.0);
            }
        }
        return join.layout.tokensOf(join.layout.joining);
    }

    /** The state of one node's join: the working ring, and what each donor still has to give. */
    private static final class Join {
        final RingLayout layout;
        final int rf;
        /** Fair share of each node, in token units. */
        final double[] target;
        /** Tokens each donor still has to give. */
        final int[] quota;
        /** Token-space each donor still has to give; each of its tokens takes an equal part. */
        final double[] budget;

        Join(Ring ring, String nodeId, int vnodes, int replicationFactor) {
            List<String> ids = new ArrayList<>(ring.nodes());
            ids.add(nodeId);
            int x = ids.size() - 1;
            this.rf = Math.min(replicationFactor, Math.max(1, x));
            this.layout = new RingLayout(ring, ids, x, rf, ring.tokenCount() + vnodes);

            double totalTokens = ring.tokenCount() + vnodes;
            this.target = new double[ids.size()];
            for (int k = 0; k < ids.size(); k++) {
                int count = k == x ? vnodes : ring.tokensOf(ids.get(k)).length;
                target[k] = count / totalTokens * Token.SPACE;
            }
            double[] surplus = new double[ids.size()];
            double totalSurplus = 0;
            int[] ranges = new int[ids.size()];
            for (int k = 0; k < x; k++) {
                surplus[k] = Math.max(0, layout.primary[k] - target[k]);
                totalSurplus += surplus[k];
            }
            for (int i = 0; i < layout.size; i++) {
                ranges[layout.ownerAt(i)]++;
            }
            this.quota = apportion(surplus, totalSurplus, vnodes, ranges, x);
            this.budget = new double[ids.size()];
            for (int k = 0; k < x; k++) {
                budget[k] = surplus[k] / totalSurplus * target[x];
            }
        }

        /** Places one token of the joining node; {@code progress} is the share of its tokens placed. */
        void placeOne(double progress) {
            boolean partial = false;
            int best = bestRange(progress, Fit.WHOLE_CUT);
            if (best < 0) {
                partial = true;
                best = bestRange(progress, Fit.PARTIAL_CUT);
            }
            if (best < 0) {
                best = bestRange(progress, Fit.ANY_RANGE);
            }
            if (best < 0) {
                splitWidestOwnRange();
                return;
            }
            int donor = layout.ownerAt(best);
            long cut = partial ? partialCut(best) : cutFor(best);
            quota[donor] = Math.max(0, quota[donor] - 1);
            budget[donor] -= cut;
            layout.insert(best, cut);
        }

        /** Removes a placed token and returns what it took to its donor; false if it took nothing. */
        boolean takeBack(long token) {
            int i = layout.indexOf(token);
            int donor = layout.ownerAt((i + 1) % layout.size);
            if (donor == layout.joining) {
                return false;
            }
            long cut = layout.rangeSize(i);
            layout.remove(i);
            quota[donor]++;
            budget[donor] += cut;
            return true;
        }

        /** Which ranges {@link #bestRange} may choose. */
        private enum Fit {
            /** A donor with quota left whose range is wider than the donor's cut. */
            WHOLE_CUT,
            /** A donor with quota left, taking at most three quarters of a narrower range. */
            PARTIAL_CUT,
            /** Any range, cut in half: a fallback for tiny rings and odd token counts. */
            ANY_RANGE
        }

        /**
         * The range whose start the joining node should take next: the one that most reduces the
         * deviation of replicated ownership (the joining node's target scaled by
         * {@code progress}), among the ranges {@code fit} allows.
         */
        private int bestRange(double progress, Fit fit) {
            double bestCost = Double.POSITIVE_INFINITY;
            int best = -1;
            for (int i = 0; i < layout.size; i++) {
                int owner = layout.ownerAt(i);
                if (owner == layout.joining || layout.ownerAt(layout.previous(i)) == layout.joining) {
                    continue; // two adjacent tokens of one node would be one token wasted
                }
                if (fit != Fit.ANY_RANGE && quota[owner] == 0) {
                    continue;
                }
                long cut = switch (fit) {
                    case WHOLE_CUT -> cutFor(i);
                    case PARTIAL_CUT -> partialCut(i);
                    case ANY_RANGE -> layout.rangeSize(i) / 2;
                };
                if (cut < 1 || cut >= layout.rangeSize(i)) {
                    continue;
                }
                layout.evaluate(i, cut);
                double cost = 0;
                for (int q = 0; q < layout.touchedCount; q++) {
                    int k = layout.touched[q];
                    double t = target[k] * rf * (k == layout.joining ? progress : 1);
                    cost += squaredDeviation(layout.replicated[k] + layout.replicatedDelta[k], t)
                            - squaredDeviation(layout.replicated[k], t);
                }
                if (cost < bestCost) {
                    bestCost = cost;
                    best = i;
                }
            }
            return best;
        }

        private long partialCut(int i) {
            return Math.min(cutFor(i), layout.rangeSize(i) * 3 / 4);
        }

        /**
         * How much of range {@code i} to take: the donor's remaining budget over its remaining
         * tokens, so rounding never accumulates and a partial cut is made up later.
         */
        private long cutFor(int i) {
            int donor = layout.ownerAt(i);
            return quota[donor] > 0 ? Math.round(budget[donor] / quota[donor]) : 0;
        }

        /** Last resort when no other range can be cut: halve the joining node's widest range. */
        private void splitWidestOwnRange() {
            int widest = -1;
            for (int i = 0; i < layout.size; i++) {
                if (layout.ownerAt(i) == layout.joining
                        && (widest < 0 || layout.rangeSize(i) > layout.rangeSize(widest))) {
                    widest = i;
                }
            }
            if (widest < 0 || layout.rangeSize(widest) < 2) {
                throw new IllegalStateException("the ring has no room for another token");
            }
            layout.insert(widest, layout.rangeSize(widest) / 2);
        }
    }

    private static double squaredDeviation(double value, double target) {
        double d = value / target - 1;
        return d * d;
    }

    /**
     * Splits {@code vnodes} over the donors in proportion to their surplus (largest remainder),
     * each at most one token per range it has: a range is cut once. Tokens no donor can take are
     * left over (the caller places them inside the joining node's own ranges).
     */
    private static int[] apportion(double[] surplus, double totalSurplus, int vnodes, int[] ranges, int donors) {
        int[] quota = new int[surplus.length];
        double[] remainder = new double[surplus.length];
        int assigned = 0;
        for (int k = 0; k < donors; k++) {
            double exact = surplus[k] / totalSurplus * vnodes;
            quota[k] = Math.min(ranges[k], (int) Math.floor(exact));
            remainder[k] = exact - quota[k];
            assigned += quota[k];
        }
        while (assigned < vnodes) {
            int best = -1;
            for (int k = 0; k < donors; k++) {
                if (surplus[k] > 0 && quota[k] < ranges[k] && (best < 0 || remainder[k] > remainder[best])) {
                    best = k;
                }
            }
            if (best < 0) {
                break;
            }
            quota[best]++;
            remainder[best] -= 1;
            assigned++;
        }
        return quota;
    }

    static long[] evenlySpaced(int vnodes) {
        long[] out = new long[vnodes];
        for (int i = 0; i < vnodes; i++) {
            out[i] = Math.floorDiv(i * Token.SPACE, vnodes);
        }
        return out;
    }
}
