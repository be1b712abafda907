package com.logprocessor.core.ring;

import java.util.Map;

/**
 * What "balanced" means for this system. Structurally, every node's share of the ring (primary
 * ownership) is within {@value #MAX_OWNERSHIP_DEVIATION} (1%) of the mean share, which the
 * {@link com.logprocessor.core.ring.allocation.BalancedTokenAllocator} guarantees for 3 to 12
 * nodes. Counts of real entries also carry sampling noise: n random keys land on a node with
 * share p with a standard error of {@code sqrt(p(1-p)/n) / p} relative to the expected count, so
 * observed counts meet the goal when they are within 1% plus {@value #SIGMAS} standard errors.
 */
public final class BalanceGoal {

    /** Largest relative deviation of a node's share from the mean share. */
    public static final double MAX_OWNERSHIP_DEVIATION = 0.01;
    /** Standard errors of sampling noise allowed on top, for counts of random keys. */
    public static final double SIGMAS = 4;

    private BalanceGoal() {
    }

    /** Whether ring shares (fractions summing to 1) are within 1% of their mean. */
    public static boolean isMetByOwnership(Map<String, Double> shares) {
        return maxRelativeDeviation(shares) <= MAX_OWNERSHIP_DEVIATION;
    }

    /** Whether per-node counts of random keys are as even as the goal allows for their number. */
    public static boolean isMetByCounts(Map<String, Long> counts) {
        return maxRelativeDeviation(counts) <= allowedCountDeviation(counts);
    }

    /** The deviation {@link #isMetByCounts} allows: 1% plus {@value #SIGMAS} standard errors. */
    public static double allowedCountDeviation(Map<String, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        int nodes = counts.size();
        if (total == 0 || nodes == 0) {
            return MAX_OWNERSHIP_DEVIATION;
        }
        double p = 1.0 / nodes;
        return MAX_OWNERSHIP_DEVIATION + SIGMAS * Math.sqrt(p * (1 - p) / total) / p;
    }

    /** The largest |value - mean| / mean over the values (0 for none). */
    public static double maxRelativeDeviation(Map<String, ? extends Number> values) {
        double mean = values.values().stream().mapToDouble(Number::doubleValue).average().orElse(0);
        if (mean == 0) {
            return 0;
        }
        return values.values().stream().mapToDouble(v -> Math.abs(v.doubleValue() - mean) / mean).max().orElse(0);
    }
}
