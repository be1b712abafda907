package com.logprocessor.coordinator.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.coordinator.FakeClusterTest;
import com.logprocessor.core.ring.DistributionStats;
import com.logprocessor.core.token.Token;
import com.logprocessor.support.membership.RingLifecycler;
import com.logprocessor.support.testing.FakeStorageNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** The ring over REST and as a page, on a coordinator whose ring holds three fake storage nodes. */
class RingEndpointsTest extends FakeClusterTest {

    private ResponseEntity<String> call(String method, String path) {
        return RestClient.create("http://127.0.0.1:" + port).method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(path).exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
                        .headers(response.getHeaders())
                        .body(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)), false);
    }

    private JsonNode get(String path) {
        ResponseEntity<String> response = call("GET", path);
        assertThat(response.getStatusCode().value()).as("GET %s", path).isEqualTo(200);
        return json.readTree(response.getBody());
    }

    @Test
    void nodesShowStateTokensOwnershipAndBreakers() {
        JsonNode nodes = get("/api/coordinator/nodes");
        assertThat(nodes).hasSize(3);
        double primary = 0;
        for (JsonNode n : nodes) {
            assertThat(n.get("state").asString()).isEqualTo("UP");
            assertThat(n.get("tokens").asInt()).isEqualTo(150);
            assertThat(n.get("replicatedOwnershipPercent").asDouble()).isEqualTo(100.0);
            assertThat(n.get("breaker").asString()).isEqualTo("CLOSED");
            assertThat(n.get("heartbeatAgeSeconds").asDouble()).isLessThan(15);
            primary += n.get("primaryOwnershipPercent").asDouble();
        }
        assertThat(primary).isBetween(99.9, 100.1);
    }

    @Test
    void theRingPageDocumentsOnlyItsOwnParameters() {
        // The page's CSRF token is Spring Security's, resolved from the request, not a query parameter.
        JsonNode page = get("/v3/api-docs").path("paths").path("/ring").path("get");
        assertThat(page.path("parameters").findValuesAsString("name")).containsExactly("message");
    }

    @Test
    void aKeyShowsItsTokenOwnerAndReplicas() {
        JsonNode placement = get("/api/coordinator/node/10.0.0.7");
        assertThat(placement.get("token").asLong()).isEqualTo(Token.hash("10.0.0.7"));
        assertThat(placement.get("owner").asString()).isEqualTo(ringView.ring().ownerOf("10.0.0.7"));
        assertThat(placement.get("replicas")).hasSize(3);
        assertThat(placement.get("replicas").get(0).asString()).isEqualTo(placement.get("owner").asString());
        assertThat(call("GET", "/api/coordinator/node/" + "k".repeat(300)).getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void theDistributionHasTheSeedsFields() {
        for (int i = 0; i < 30; i++) {
            publish(entry("10.9.0." + i, "x"), null);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> NODES.stream().allMatch(n -> n.stored().size() >= 30));
        JsonNode d = get("/api/coordinator/metrics/distribution");
        assertThat(d.get("totalNodes").asInt()).isEqualTo(3);
        assertThat(d.get("virtualNodesPerNode").asInt()).isEqualTo(150);
        assertThat(d.get("logsPerNode")).hasSize(3);
        assertThat(d.has("standardDeviation") && d.has("mostLoadedNode") && d.has("leastLoadedNode")).isTrue();
        // RF 3 on 3 nodes: every node stores every log, but owns as primary only its keys' logs.
        Map<String, Long> stored = new TreeMap<>();
        Map<String, Long> owned = new TreeMap<>();
        for (int i = 0; i < NODES.size(); i++) {
            String id = "node-" + (i + 1);
            stored.put(id, (long) NODES.get(i).stored().size());
            owned.put(id, NODES.get(i).stored().stream()
                    .filter(e -> id.equals(ringView.ring().ownerOf(e.partitionKey()))).count());
        }
        assertThat(d.get("totalLogs").asLong()).isEqualTo(owned.values().stream().mapToLong(Long::longValue).sum());
        assertThat(d.get("totalStoredCopies").asLong()).isEqualTo(stored.values().stream().mapToLong(Long::longValue).sum());
        owned.forEach((node, n) -> assertThat(d.get("logsPerNode").get(node).asLong()).as(node).isEqualTo(n));
        stored.forEach((node, n) -> assertThat(d.get("storedCopiesPerNode").get(node).asLong()).as(node).isEqualTo(n));
        assertThat(d.get("balanceScore").asDouble()).isEqualTo(DistributionStats.of(owned, 150).balanceScore());

        // The /ring page shows both figures per node and the score, from the last refresh.
        String page = call("GET", "/ring").getBody();
        assertThat(page).contains("Logs owned (primary)", "Copies stored", "id=\"balance\"");
        assertThat(page).contains(String.format(java.util.Locale.ROOT, "<b>%.2f</b>", d.get("balanceScore").asDouble()));
    }

    @Test
    void aNodesPartitionsAreListedAgainOnlyWhenItsCountChanged() {
        publish(entry("10.9.1.1", "x"), null);
        await().atMost(Duration.ofSeconds(20)).until(() -> NODES.stream().allMatch(n -> n.stored().size() == 1));
        get("/api/coordinator/metrics/distribution");
        List<Integer> listed = NODES.stream().map(FakeStorageNode::listings).toList();

        // Nothing changed: the figures come from the last listing, each node only counts.
        JsonNode unchanged = get("/api/coordinator/metrics/distribution");
        assertThat(NODES.stream().map(FakeStorageNode::listings).toList()).isEqualTo(listed);
        assertThat(unchanged.get("totalStoredCopies").asLong()).isEqualTo(3);

        // One more entry on every node: each is listed once more, and the figures follow.
        publish(entry("10.9.1.2", "y"), null);
        await().atMost(Duration.ofSeconds(20)).until(() -> NODES.stream().allMatch(n -> n.stored().size() == 2));
        JsonNode changed = get("/api/coordinator/metrics/distribution");
        assertThat(NODES.stream().map(FakeStorageNode::listings).toList())
                .isEqualTo(listed.stream().map(n -> n + 1).toList());
        assertThat(changed.get("totalStoredCopies").asLong()).isEqualTo(6);
    }

    @Test
    void onlyADownNodeCanBeForgottenAndThePageShowsTheRing() {
        FakeStorageNode extra = new FakeStorageNode();
        RingLifecycler fourth = new RingLifecycler(store, membership, 3, "node-4", extra.url(), Clock.systemUTC());
        fourth.start();
        await().atMost(Duration.ofSeconds(2)).until(() -> ringView.ring().contains("node-4"));
        assertThat(call("DELETE", "/api/coordinator/nodes/node-4").getStatusCode().value()).isEqualTo(409);

        fourth.stop();
        extra.close();
        await().atMost(Duration.ofSeconds(2)).until(() -> !ringView.ring().contains("node-4"));
        // DOWN, it is still a replica of its ranges: its copies become hints, nobody stands in.
        String itsKey = IntStream.range(0, 1000).mapToObj(i -> "key-" + i)
                .filter(k -> ringView.snapshot().replicaRing().preferenceList(k, 3).contains("node-4"))
                .findFirst().orElseThrow();
        JsonNode placement = get("/api/coordinator/node/" + itsKey);
        assertThat(placement.get("replicas").toString()).contains("node-4");
        assertThat(placement.get("down").toString()).isEqualTo("[\"node-4\"]");
        String page = call("GET", "/ring").getBody();
        assertThat(page).contains("<svg id=\"ring\"").contains("data-node=\"node-4\"").contains("Forget")
                .contains("class=\"badge state DOWN\"");
        // The repairs section asks the anti-entropy coordinator (a fake with no jobs) for its jobs.
        assertThat(page).contains("<table id=\"repairs\"").contains("0 pending · 0 running")
                .doesNotContain("repairs-unavailable");
        assertThat(call("GET", "/ring").getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();

        assertThat(call("DELETE", "/api/coordinator/nodes/node-4").getStatusCode().value()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(2)).until(() -> ringView.snapshot().member("node-4").isEmpty());
        ResponseEntity<String> gone = call("DELETE", "/api/coordinator/nodes/node-4");
        assertThat(gone.getStatusCode().value()).isEqualTo(404);
        assertThat(gone.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        JsonNode problem = json.readTree(gone.getBody());
        assertThat(problem.get("title").asString()).isEqualTo("Not Found");
        assertThat(problem.get("detail").asString()).isEqualTo("no storage node 'node-4' is known");
        assertThat(call("GET", "/ring").getBody()).doesNotContain("data-node=\"node-4\"");
    }
}
