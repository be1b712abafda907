package com.logprocessor.bench.balance;

import com.logprocessor.bench.support.Keys;
import com.logprocessor.bench.support.Rings;
import com.logprocessor.core.ring.DistributionStats;
import com.logprocessor.core.ring.Ring;
import com.logprocessor.core.ring.allocation.BalancedTokenAllocator;
import com.logprocessor.core.ring.allocation.RandomTokenAllocator;
import com.logprocessor.core.ring.allocation.TokenAllocator;
import com.logprocessor.core.token.Token;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * How evenly keys spread over nodes with {@link BalancedTokenAllocator} versus
 * {@link RandomTokenAllocator} (the seeds' way), for rings grown one node at a time.
 *
 * <p>For each node count N it reports: the balance score ({@link DistributionStats}) of the
 * per-node primary key counts; max/mean and min/mean of exact primary ownership
 * ({@link Ring#primaryOwnership()}) and of replicated ownership at RF 3
 * ({@link Ring#replicatedOwnership(int)}); and the share of keys whose primary owner changes when
 * node N+1 joins (ideal {@code 1/(N+1)}), counted over the keys and computed exactly over the token
 * space. Random tokens depend on the seed, so that allocator runs once per seed and shows the mean
 * and the worst run.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar com.logprocessor.bench.balance.BalanceReport
 *     [--keys=1000000] [--seeds=5] [--nodes=3,6,12] [--vnodes=150]</pre>
 * The table goes to standard output, progress to standard error.
 */
public final class BalanceReport {

    static final int RF = 3;
    static final long KEY_SEED = 20261122L;

    /** What one ring (N nodes) and its next stage (N+1 nodes) show. */
    public record Measurement(
            int nodes,
            double balanceScore,
            double primaryMaxOverMean,
            double primaryMinOverMean,
            double replicatedMaxOverMean,
            double replicatedMinOverMean,
            double movedShare,
            double movedShareExact) {

        /** The share an ideal join moves: the joining node's fair share, {@code 1/(N+1)}. */
        public double idealMovedShare() {
            return 1.0 / (nodes + 1);
        }

        /** Keys moved relative to the ideal; 1 is ideal. */
        public double movedOverIdeal() {
            return movedShare / idealMovedShare();
        }
    }

    private BalanceReport() {
    }

    // ---- measuring ------------------------------------------------------------------------------

    /** Measures {@code ring} (N nodes) and the move to {@code grown} (the same plus one node). */
    public static Measurement measure(Ring ring, Ring grown, long[] keyTokens, int vnodes) {
        if (grown.nodeCount() != ring.nodeCount() + 1) {
            throw new IllegalArgumentException("the grown ring must have exactly one more node");
        }
        DistributionStats stats = DistributionStats.of(primaryKeyCounts(ring, keyTokens), vnodes);
        double[] primary = maxMinOverMean(ring.primaryOwnership());
        double[] replicated = maxMinOverMean(ring.replicatedOwnership(RF));
        long moved = 0;
        for (long t : keyTokens) {
            if (!ring.ownerOfToken(t).equals(grown.ownerOfToken(t))) {
                moved++;
            }
        }
        return new Measurement(ring.nodeCount(), stats.balanceScore(), primary[0], primary[1],
                replicated[0], replicated[1], (double) moved / keyTokens.length, movedShareExact(ring, grown));
    }

    /** How many of the keys each node owns as primary (every member listed, zero included). */
    public static Map<String, Long> primaryKeyCounts(Ring ring, long[] keyTokens) {
        Map<String, long[]> counters = new HashMap<>();
        for (String node : ring.nodes()) {
            counters.put(node, new long[1]);
        }
        for (long t : keyTokens) {
            counters.get(ring.ownerOfToken(t))[0]++;
        }
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((node, c) -> out.put(node, c[0]));
        return out;
    }

    /** {@code {max/mean, min/mean}} of per-node values. */
    static double[] maxMinOverMean(Map<String, Double> values) {
        double mean = values.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double max = values.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double min = values.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        return new double[] {max / mean, min / mean};
    }

    /**
     * The exact fraction of the token space whose primary owner differs between two rings. The
     * union of both rings' tokens cuts the space into intervals {@code (previous, t]}; within one,
     * each ring has a single owner, the owner of {@code t}.
     */
    public static double movedShareExact(Ring before, Ring after) {
        long[] all = new long[before.tokenCount() + after.tokenCount()];
        int k = 0;
        for (int i = 0; i < before.tokenCount(); i++) {
            all[k++] = before.tokenAt(i);
        }
        for (int i = 0; i < after.tokenCount(); i++) {
            all[k++] = after.tokenAt(i);
        }
        long[] cuts = Arrays.stream(all).sorted().distinct().toArray();
        if (cuts.length == 0) {
            return 0;
        }
        long moved = 0;
        for (int i = 0; i < cuts.length; i++) {
            long size = cuts.length == 1 ? Token.SPACE : Token.distance(cuts[(i - 1 + cuts.length) % cuts.length], cuts[i]);
            if (!before.ownerOfToken(cuts[i]).equals(after.ownerOfToken(cuts[i]))) {
                moved += size;
            }
        }
        return (double) moved / Token.SPACE;
    }

    /**
     * Grows a ring to {@code max(nodeCounts) + 1} nodes with {@code allocator} and measures it at
     * each of {@code nodeCounts}.
     */
    public static List<Measurement> run(TokenAllocator allocator, int[] nodeCounts, int vnodes, long[] keyTokens,
            PrintStream progress, String label) {
        int largest = Arrays.stream(nodeCounts).max().orElseThrow();
        long start = System.nanoTime();
        List<Ring> stages = Rings.growth(allocator, largest + 1, vnodes, n -> {
            if (progress != null) {
                progress.printf(Locale.ROOT, "  %s: %d/%d nodes joined (%.1f s)%n",
                        label, n, largest + 1, (System.nanoTime() - start) / 1e9);
            }
        });
        List<Measurement> out = new ArrayList<>();
        for (int n : nodeCounts) {
            out.add(measure(stages.get(n - 1), stages.get(n), keyTokens, vnodes));
            if (progress != null) {
                progress.printf(Locale.ROOT, "  %s: measured %d -> %d nodes (%.1f s)%n",
                        label, n, n + 1, (System.nanoTime() - start) / 1e9);
            }
        }
        return out;
    }

    // ---- the report -----------------------------------------------------------------------------

    public static void main(String[] args) {
        int keyCount = 1_000_000;
        int seeds = 5;
        int vnodes = Rings.DEFAULT_VNODES;
        int[] nodeCounts = {3, 6, 12};
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            switch (kv[0]) {
                case "keys" -> keyCount = Integer.parseInt(kv[1]);
                case "seeds" -> seeds = Integer.parseInt(kv[1]);
                case "vnodes" -> vnodes = Integer.parseInt(kv[1]);
                case "nodes" -> nodeCounts = Arrays.stream(kv[1].split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
                default -> throw new IllegalArgumentException("unknown option " + arg + " (keys, seeds, vnodes, nodes)");
            }
        }
        PrintStream err = System.err;
        long start = System.nanoTime();
        err.printf(Locale.ROOT, "Generating %,d keys…%n", keyCount);
        long[] keyTokens = Keys.tokens(Keys.ipv4(keyCount, KEY_SEED));

        err.println("Balanced allocator:");
        List<Measurement> balanced = run(new BalancedTokenAllocator(), nodeCounts, vnodes, keyTokens, err, "balanced");
        List<List<Measurement>> random = new ArrayList<>();
        for (int s = 1; s <= seeds; s++) {
            err.printf(Locale.ROOT, "Random allocator, seed %d of %d:%n", s, seeds);
            random.add(run(new RandomTokenAllocator(s), nodeCounts, vnodes, keyTokens, err, "random seed " + s));
        }
        err.printf(Locale.ROOT, "Done in %.1f s.%n%n", (System.nanoTime() - start) / 1e9);
        print(System.out, keyCount, vnodes, seeds, nodeCounts, balanced, random);
    }

    static void print(PrintStream out, int keyCount, int vnodes, int seeds, int[] nodeCounts,
            List<Measurement> balanced, List<List<Measurement>> random) {
        out.printf(Locale.ROOT, "Token balance: %,d random IPv4 keys, %d vnodes per node, nodes joined one by one;%n",
                keyCount, vnodes);
        out.printf(Locale.ROOT, "random allocator over %d seeds (mean, and worst = least favourable value per column).%n%n",
                seeds);
        out.println("                          primary ownership   replicated (RF 3)      primary owner moves when N+1 joins");
        out.println("nodes  allocator      balance  max/mean min/mean  max/mean min/mean   keys    exact   ideal  keys/ideal");
        out.println("-----  -------------- -------  -------- --------  -------- --------  ------- ------- ------- ----------");
        for (int c = 0; c < nodeCounts.length; c++) {
            int col = c;
            List<Measurement> randomAtN = random.stream().map(r -> r.get(col)).toList();
            row(out, nodeCounts[c] + "", "balanced", balanced.get(c));
            if (!randomAtN.isEmpty()) {
                row(out, "", "random (mean)", mean(randomAtN));
                row(out, "", "random (worst)", worst(randomAtN));
            }
        }
        out.println();
        out.println("balance = max(0, 100 - CV%) of per-node primary key counts (DistributionStats); ownership = exact share");
        out.println("of the token space (Ring.primaryOwnership / replicatedOwnership(3)) over the mean; moved = share of keys");
        out.println("(and of the token space) whose primary owner changes when one more node joins; ideal = 1/(N+1).");
        out.println("With 3 nodes and RF 3 every node replicates everything, so replicated ownership is 1 by definition.");
    }

    private static void row(PrintStream out, String nodes, String allocator, Measurement m) {
        out.printf(Locale.ROOT, "%5s  %-14s %7.2f  %8.4f %8.4f  %8.4f %8.4f  %6.2f%% %6.2f%% %6.2f%% %10.3f%n",
                nodes, allocator, m.balanceScore(), m.primaryMaxOverMean(), m.primaryMinOverMean(),
                m.replicatedMaxOverMean(), m.replicatedMinOverMean(),
                100 * m.movedShare(), 100 * m.movedShareExact(), 100 * m.idealMovedShare(), m.movedOverIdeal());
    }

    /** The mean of each column. */
    static Measurement mean(List<Measurement> ms) {
        return new Measurement(ms.get(0).nodes(),
                avg(ms, Measurement::balanceScore),
                avg(ms, Measurement::primaryMaxOverMean), avg(ms, Measurement::primaryMinOverMean),
                avg(ms, Measurement::replicatedMaxOverMean), avg(ms, Measurement::replicatedMinOverMean),
                avg(ms, Measurement::movedShare), avg(ms, Measurement::movedShareExact));
    }

    /**
     * The least favourable value of each column: lowest balance, highest max/mean, lowest
     * min/mean, moved shares farthest from the ideal.
     */
    static Measurement worst(List<Measurement> ms) {
        double ideal = ms.get(0).idealMovedShare();
        return new Measurement(ms.get(0).nodes(),
                ms.stream().mapToDouble(Measurement::balanceScore).min().orElseThrow(),
                ms.stream().mapToDouble(Measurement::primaryMaxOverMean).max().orElseThrow(),
                ms.stream().mapToDouble(Measurement::primaryMinOverMean).min().orElseThrow(),
                ms.stream().mapToDouble(Measurement::replicatedMaxOverMean).max().orElseThrow(),
                ms.stream().mapToDouble(Measurement::replicatedMinOverMean).min().orElseThrow(),
                farthestFrom(ms, Measurement::movedShare, ideal),
                farthestFrom(ms, Measurement::movedShareExact, ideal));
    }

    private static double avg(List<Measurement> ms, ToDoubleFunction<Measurement> f) {
        return ms.stream().mapToDouble(f).average().orElseThrow();
    }

    private static double farthestFrom(List<Measurement> ms, ToDoubleFunction<Measurement> f, double ideal) {
        double best = f.applyAsDouble(ms.get(0));
        for (Measurement m : ms) {
            double v = f.applyAsDouble(m);
            if (Math.abs(v - ideal) > Math.abs(best - ideal)) {
                best = v;
            }
        }
        return best;
    }
}
