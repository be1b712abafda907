package com.logprocessor.merkle.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.merkle.testing.MerkleTestSupport;
import com.logprocessor.support.testing.FakeStorageNodes.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/merkle/health}, the meters under the names Prometheus scrapes, and the API docs. */
class HealthAndMetricsTest extends MerkleTestSupport {

    @Test
    void healthShowsTheSettingsTheUpNodesAndTheCacheUse() {
        Node a = node();
        Node b = node();
        String partition = unique("health");
        a.fake().digests(partition, fullSegments(1, 2));
        JsonNode before = get("/api/merkle/health").ok();
        post("/api/merkle/build", Map.of("partitionId", partition, "nodeUrl", a.id())).ok();
        post("/api/merkle/build", Map.of("partitionId", partition, "nodeUrl", a.id())).ok();

        JsonNode health = get("/api/merkle/health").ok();
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("depth").asInt()).isEqualTo(10);
        assertThat(health.get("segmentSize").asInt()).isEqualTo(1000);
        List<String> nodes = new ArrayList<>();
        health.get("nodes").forEach(n -> nodes.add(n.get("node").asString() + "@" + n.get("url").asString()));
        assertThat(nodes).contains(a.id() + "@" + a.url(), b.id() + "@" + b.url());
        JsonNode cache = health.get("cache");
        assertThat(cache.get("available").asBoolean()).isTrue();
        assertThat(cache.get("ttlSeconds").asLong()).isEqualTo(600);
        assertThat(cache.get("misses").asLong()).isEqualTo(before.get("cache").get("misses").asLong() + 1);
        assertThat(cache.get("hits").asLong()).isEqualTo(before.get("cache").get("hits").asLong() + 1);
    }

    @Test
    void metricsAreExportedUnderTheirPrometheusNames() {
        Node a = node();
        Node b = node();
        String partition = unique("metrics");
        a.fake().digests(partition, fullSegments(2, 4));
        b.fake().digests(partition, fullSegments(3, 4));
        post("/api/merkle/compare", Map.of("partitionId", partition, "node1Url", a.id(), "node2Url", b.id())).ok();

        String metrics = http().get().uri("/actuator/prometheus").accept(MediaType.TEXT_PLAIN)
                .retrieve().body(String.class);
        assertThat(metrics)
                .containsPattern("(?m)^merkle_tree_comparisons_total\\{.*outcome=\"consistent\".*} ")
                .containsPattern("(?m)^merkle_tree_comparisons_total\\{.*outcome=\"different\".*} [1-9]")
                .containsPattern("(?m)^merkle_tree_differences_total\\{.*} [1-9]")
                .containsPattern("(?m)^merkle_tree_build_seconds\\{.*quantile=\"0.5\".*} ")
                .containsPattern("(?m)^merkle_tree_build_seconds\\{.*quantile=\"0.99\".*} ")
                .containsPattern("(?m)^merkle_tree_build_seconds_count\\{.*} [1-9]")
                .containsPattern("(?m)^merkle_tree_build_seconds_sum\\{.*} ")
                .containsPattern("(?m)^merkle_tree_cache_total\\{.*result=\"miss\".*} [1-9]")
                .containsPattern("(?m)^merkle_tree_cache_total\\{.*result=\"hit\".*} ")
                .containsPattern("(?m)^merkle_tree_comparisons_total\\{.*application=\"merkle-tree-service\".*} ");
    }

    @Test
    void theOpenApiDocsDescribeEveryEndpoint() {
        String docs = http().get().uri("/v3/api-docs").retrieve().body(String.class);
        assertThat(docs).contains("/api/merkle/build", "/api/merkle/compare", "/api/merkle/health",
                "Build a node's Merkle tree", "Compare two replicas");
    }
}
