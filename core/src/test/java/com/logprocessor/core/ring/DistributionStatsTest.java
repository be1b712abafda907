package com.logprocessor.core.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DistributionStatsTest {

    @Test
    void theSeedsExampleReadsAsAnAlmostPerfectSpread() {
        DistributionStats stats = DistributionStats.of(
                Map.of("storage-node-1", 3342L, "storage-node-2", 3329L, "storage-node-3", 3329L), 150);
        assertThat(stats.totalNodes()).isEqualTo(3);
        assertThat(stats.virtualNodesPerNode()).isEqualTo(150);
        assertThat(stats.totalLogs()).isEqualTo(10_000);
        // population sd = 6.128, mean = 3333.33: 0.18 % of the mean
        assertThat(stats.standardDeviation()).isEqualTo(0.18);
        assertThat(stats.balanceScore()).isEqualTo(99.82);
        assertThat(stats.mostLoadedNode()).isEqualTo("storage-node-1");
        assertThat(stats.leastLoadedNode()).isEqualTo("storage-node-2"); // tie: the smaller id
    }

    @Test
    void deviationIsAPercentageOfTheMean() {
        DistributionStats stats = DistributionStats.of(Map.of("a", 10L, "b", 20L, "c", 30L), 150);
        // mean 20, population sd sqrt(200/3) = 8.165: 40.82 %
        assertThat(stats.standardDeviation()).isEqualTo(40.82);
        assertThat(stats.balanceScore()).isEqualTo(59.18);
        assertThat(stats.mostLoadedNode()).isEqualTo("c");
        assertThat(stats.leastLoadedNode()).isEqualTo("a");
    }

    @Test
    void theScoreNeverGoesBelowZero() {
        DistributionStats stats = DistributionStats.of(Map.of("a", 0L, "b", 0L, "c", 1000L), 150);
        assertThat(stats.standardDeviation()).isGreaterThan(100);
        assertThat(stats.balanceScore()).isZero();
    }

    @Test
    void noEntriesOrNoNodesIsAPerfectScore() {
        DistributionStats empty = DistributionStats.of(Map.of(), 150);
        assertThat(empty.totalNodes()).isZero();
        assertThat(empty.balanceScore()).isEqualTo(100.0);
        assertThat(empty.mostLoadedNode()).isNull();
        DistributionStats zeros = DistributionStats.of(Map.of("a", 0L, "b", 0L), 150);
        assertThat(zeros.standardDeviation()).isZero();
        assertThat(zeros.balanceScore()).isEqualTo(100.0);
    }

    @Test
    void theScoreIsOverPrimaryOwnershipWithStoredCopiesBesideIt() {
        // RF 3 on 3 nodes: every node stores all 10,000 logs, but owns a share of them as primary.
        DistributionStats stats = DistributionStats.of(Map.of("a", 2000L, "b", 3000L, "c", 5000L),
                Map.of("a", 10_000L, "b", 10_000L, "c", 10_000L), 150);
        assertThat(stats.totalLogs()).isEqualTo(10_000);
        assertThat(stats.totalStoredCopies()).isEqualTo(30_000);
        assertThat(stats.storedCopiesPerNode()).containsEntry("b", 10_000L);
        // mean 3333.33, population sd 1247.22: 37.42 %
        assertThat(stats.standardDeviation()).isEqualTo(37.42);
        assertThat(stats.balanceScore()).isEqualTo(62.58);
        assertThat(stats.mostLoadedNode()).isEqualTo("c");
        assertThat(DistributionStats.of(Map.of("a", 1L), 150).storedCopiesPerNode()).isEmpty();
    }

    @Test
    void nodesAreListedInIdOrder() {
        DistributionStats stats = DistributionStats.of(Map.of("b", 1L, "a", 2L), 150);
        assertThat(stats.logsPerNode().keySet()).containsExactly("a", "b");
    }
}
