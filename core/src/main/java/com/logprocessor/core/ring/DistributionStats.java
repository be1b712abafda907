package com.logprocessor.core.ring;

import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * How evenly entries are spread over nodes, with exactly the fields of the Day 24 seed's
 * {@code /api/coordinator/metrics/distribution}.
 *
 * <ul>
 *   <li>{@code totalNodes}: number of nodes counted;</li>
 *   <li>{@code virtualNodesPerNode}: tokens per node ({@code ring.vnodes});</li>
 *   <li>{@code totalLogs}: sum of {@code logsPerNode}: each log counted once;</li>
 *   <li>{@code logsPerNode}: the logs each node owns as primary (first replica of their key on the
 *       ring), by node id: what the seed measures, one owner per log, so it shows how evenly the
 *       ring spreads keys even when, with RF equal to the node count, every node stores everything;</li>
 *   <li>{@code standardDeviation}: the population standard deviation of {@code logsPerNode} as a
 *       percentage of its mean (the coefficient of variation, in %), so it reads the same at any
 *       volume; 0 when there are no entries;</li>
 *   <li>{@code balanceScore}: {@code max(0, 100 - standardDeviation)}; 100 is a perfect spread;</li>
 *   <li>{@code mostLoadedNode}, {@code leastLoadedNode}: the nodes owning the most and fewest
 *       logs (ties go to the smaller id; {@code null} with no nodes).</li>
 *   <li>{@code storedCopiesPerNode}, {@code totalStoredCopies}: the entries each node stores, as
 *       replica of any rank (with RF 3 each log counts on three nodes), and their sum; not part of
 *       the seed's fields, and empty when not known.</li>
 * </ul>
 * The deviation and score are over {@code logsPerNode}, primary ownership.
 * Percentages are rounded to two decimals, as the seed shows them.
 */
public record DistributionStats(
        int totalNodes,
        int virtualNodesPerNode,
        long totalLogs,
        Map<String, Long> logsPerNode,
        double standardDeviation,
        double balanceScore,
        String mostLoadedNode,
        String leastLoadedNode,
        Map<String, Long> storedCopiesPerNode,
        long totalStoredCopies) {

    public DistributionStats {
        logsPerNode = Collections.unmodifiableMap(new TreeMap<>(logsPerNode));
        storedCopiesPerNode = Collections.unmodifiableMap(new TreeMap<>(storedCopiesPerNode));
    }

    /** Primary ownership only (a ring's key spread, with no stored copies known). */
    public static DistributionStats of(Map<String, Long> logsPerNode, int virtualNodesPerNode) {
        return of(logsPerNode, Map.of(), virtualNodesPerNode);
    }

    /**
     * @param logsPerNode logs each node owns as primary
     * @param storedCopiesPerNode entries each node stores
     */
    public static DistributionStats of(Map<String, Long> logsPerNode, Map<String, Long> storedCopiesPerNode,
            int virtualNodesPerNode) {
        TreeMap<String, Long> counts = new TreeMap<>(logsPerNode);
        int n = counts.size();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        double cv = coefficientOfVariationPercent(counts);
        Comparator<Map.Entry<String, Long>> byCount = Map.Entry.comparingByValue();
        // Ties go to the smaller id, for both.
        String most = counts.entrySet().stream()
                .max(byCount.thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElse(null);
        String least = counts.entrySet().stream()
                .min(byCount.thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse(null);
        return new DistributionStats(n, virtualNodesPerNode, total, counts,
                round2(cv), round2(Math.max(0, 100 - cv)), most, least, storedCopiesPerNode,
                storedCopiesPerNode.values().stream().mapToLong(Long::longValue).sum());
    }

    /** Population standard deviation of the values as a percentage of their mean; 0 when empty. */
    public static double coefficientOfVariationPercent(Map<String, ? extends Number> values) {
        int n = values.size();
        if (n == 0) {
            return 0;
        }
        double sum = 0;
        for (Number v : values.values()) {
            sum += v.doubleValue();
        }
        double mean = sum / n;
        if (mean == 0) {
            return 0;
        }
        double squares = 0;
        for (Number v : values.values()) {
            double d = v.doubleValue() - mean;
            squares += d * d;
        }
        return Math.sqrt(squares / n) / mean * 100;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
