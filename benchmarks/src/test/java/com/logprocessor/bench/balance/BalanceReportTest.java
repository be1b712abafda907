package com.logprocessor.bench.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.logprocessor.bench.balance.BalanceReport.Measurement;
import com.logprocessor.bench.support.Keys;
import com.logprocessor.core.ring.Ring;
import com.logprocessor.core.ring.allocation.BalancedTokenAllocator;
import com.logprocessor.core.ring.allocation.RandomTokenAllocator;
import com.logprocessor.core.token.Token;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The balance report on a small input: 10,000 keys, rings of 3 and 6 nodes. */
class BalanceReportTest {

    private static final long[] KEYS = Keys.tokens(Keys.ipv4(10_000, BalanceReport.KEY_SEED));
    private static final int[] NODES = {3, 6};

    @Test
    void theBalancedAllocatorKeepsOwnershipEvenAndMovesOnlyTheJoiningNodesShare() {
        List<Measurement> ms = BalanceReport.run(new BalancedTokenAllocator(), NODES, 150, KEYS, null, "balanced");
        assertThat(ms).extracting(Measurement::nodes).containsExactly(3, 6);
        for (Measurement m : ms) {
            assertThat(m.primaryMaxOverMean()).as("primary max/mean at %d nodes", m.nodes()).isLessThanOrEqualTo(1.01);
            assertThat(m.primaryMinOverMean()).as("primary min/mean at %d nodes", m.nodes()).isGreaterThanOrEqualTo(0.99);
            assertThat(m.replicatedMaxOverMean()).as("RF 3 max/mean at %d nodes", m.nodes()).isLessThanOrEqualTo(1.05);
            assertThat(m.movedShare()).as("keys moved %d -> %d", m.nodes(), m.nodes() + 1)
                    .isLessThanOrEqualTo(1.05 * m.idealMovedShare());
            assertThat(m.movedShareExact()).as("space moved %d -> %d", m.nodes(), m.nodes() + 1)
                    .isCloseTo(m.idealMovedShare(), within(0.01 * m.idealMovedShare()));
            // The key counts' balance score is mostly sampling noise at 10,000 keys (expected CV
            // sqrt((N-1)/keys), 1.4-2.2%); only a gross imbalance would push it under 90.
            assertThat(m.balanceScore()).isGreaterThan(90);
        }
    }

    @Test
    void randomTokensAreLessEvenThanBalancedOnes() {
        List<Measurement> balanced = BalanceReport.run(new BalancedTokenAllocator(), NODES, 150, KEYS, null, "b");
        List<Measurement> random = BalanceReport.run(new RandomTokenAllocator(1), NODES, 150, KEYS, null, "r");
        for (int i = 0; i < NODES.length; i++) {
            assertThat(random.get(i).primaryMaxOverMean()).isGreaterThan(balanced.get(i).primaryMaxOverMean());
            assertThat(random.get(i).primaryMinOverMean()).isLessThan(balanced.get(i).primaryMinOverMean());
        }
    }

    @Test
    void theExactMovedShareIsTheSpaceThatChangesOwner() {
        long quarter = Token.SPACE / 4;
        Ring two = Ring.of(Map.of("a", List.of(quarter), "b", List.of(3 * quarter)));
        // c takes (quarter, 2*quarter] from b.
        Ring three = two.with("c", new long[] {2 * quarter});
        assertThat(BalanceReport.movedShareExact(two, three)).isCloseTo(0.25, within(1e-9));
        assertThat(BalanceReport.movedShareExact(two, two)).isZero();
        assertThat(BalanceReport.movedShareExact(Ring.of(Map.of("a", List.of(5L))), Ring.of(Map.of("b", List.of(9L)))))
                .isEqualTo(1.0);
    }

    @Test
    void primaryKeyCountsListEveryNodeAndAddUpToTheKeys() {
        Ring ring = Ring.of(Map.of("a", List.of(10L), "b", List.of(20L), "c", List.of(30L)));
        Map<String, Long> counts = BalanceReport.primaryKeyCounts(ring, new long[] {5, 10, 11, 31, 40});
        assertThat(counts).containsExactly(Map.entry("a", 4L), Map.entry("b", 1L), Map.entry("c", 0L));
    }

    @Test
    void theTableShowsEveryAllocatorAndNodeCount() {
        List<Measurement> balanced = BalanceReport.run(new BalancedTokenAllocator(), NODES, 150, KEYS, null, "b");
        List<List<Measurement>> random = List.of(
                BalanceReport.run(new RandomTokenAllocator(1), NODES, 150, KEYS, null, "r1"),
                BalanceReport.run(new RandomTokenAllocator(2), NODES, 150, KEYS, null, "r2"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BalanceReport.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), KEYS.length, 150, 2, NODES,
                balanced, random);
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("10,000 random IPv4 keys", "balanced", "random (mean)", "random (worst)");
        assertThat(table.lines().filter(l -> l.contains("balanced")).count()).isEqualTo(2);
        assertThat(table.lines().filter(l -> l.startsWith("    6")).count()).isEqualTo(1);
    }

    @Test
    void worstTakesTheLeastFavourableValueOfEachColumn() {
        Measurement a = new Measurement(3, 95, 1.05, 0.95, 1.02, 0.98, 0.24, 0.245);
        Measurement b = new Measurement(3, 90, 1.10, 0.97, 1.01, 0.97, 0.27, 0.255);
        Measurement worst = BalanceReport.worst(List.of(a, b));
        assertThat(worst).isEqualTo(new Measurement(3, 90, 1.10, 0.95, 1.02, 0.97, 0.27, 0.245));
        assertThat(BalanceReport.mean(List.of(a, b)).balanceScore()).isEqualTo(92.5);
    }
}
