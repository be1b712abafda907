package com.logprocessor.merkle.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/** Every series exists at 0 from startup, under the names the dashboards query. */
class MerkleMetricsTest {

    @Test
    void everySeriesExistsAtZeroBeforeTheFirstTree() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new MerkleMetrics(registry);
        assertThat(registry.scrape())
                .containsPattern("(?m)^merkle_tree_comparisons_total\\{outcome=\"consistent\"} 0")
                .containsPattern("(?m)^merkle_tree_comparisons_total\\{outcome=\"different\"} 0")
                .containsPattern("(?m)^merkle_tree_differences_total 0")
                .containsPattern("(?m)^merkle_tree_build_seconds\\{quantile=\"0.5\"} 0")
                .containsPattern("(?m)^merkle_tree_build_seconds\\{quantile=\"0.99\"} 0")
                .containsPattern("(?m)^merkle_tree_build_seconds_count 0")
                .containsPattern("(?m)^merkle_tree_cache_total\\{result=\"hit\"} 0")
                .containsPattern("(?m)^merkle_tree_cache_total\\{result=\"miss\"} 0");
    }

    @Test
    void aComparisonCountsItsOutcomeAndItsDifferences() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MerkleMetrics metrics = new MerkleMetrics(registry);
        metrics.compared(0);
        metrics.compared(2);
        metrics.compared(3);
        assertThat(registry.get("merkle.tree.comparisons").tag("outcome", "consistent").counter().count()).isEqualTo(1);
        assertThat(registry.get("merkle.tree.comparisons").tag("outcome", "different").counter().count()).isEqualTo(2);
        assertThat(registry.get("merkle.tree.differences").counter().count()).isEqualTo(5);
    }
}
