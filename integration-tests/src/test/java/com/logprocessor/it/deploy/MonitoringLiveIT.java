package com.logprocessor.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.it.support.Http;
import com.logprocessor.it.support.Ingest;
import com.logprocessor.it.support.TestCluster;
import com.logprocessor.localcluster.LocalCluster;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The dashboards and alerts against live data, where Prometheus is installed (the test cluster runs
 * it then, with {@code monitoring/prometheus/alerts.yml}): under load, storage-node-3 killed and
 * PostgreSQL killed (so the other nodes' breakers open) make {@code StorageNodeDown} and
 * {@code CircuitBreakerOpen} fire; once both are back, both resolve; then every query of every
 * dashboard panel returns at least one series.
 */
@Order(140)
class MonitoringLiveIT {

    private static final String NODE = "storage-node-3";

    @Test
    void alertsFireAndResolveAndEveryPanelHasData() throws Exception {
        LocalCluster cluster = TestCluster.get();
        Assumptions.assumeTrue(cluster.names().contains(TestCluster.PROMETHEUS),
                "Prometheus is not installed (apt-get install prometheus): the live check of dashboards and alerts"
                        + " is skipped");
        String prometheus = cluster.url(TestCluster.PROMETHEUS);
        // A refused request, so the gateway's 4xx panel has a series.
        HttpResponse<String> bad = Http.post(TestCluster.gatewayUrl() + "/api/logs", "{}");
        assertThat(bad.statusCode()).isEqualTo(400);

        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> keys = IntStream.range(0, 100).mapToObj(i -> "monitoring-" + run + "-" + i).toList();
        try (Ingest.Load load = new Ingest.Load(keys, 100, 500, "QUORUM")) {
            load.awaitAcked(500, Duration.ofSeconds(60));
            cluster.kill(NODE);
            // Writes acknowledged while only the node is down become hints for it: the hint panels'
            // counters exist from a coordinator's first hint, and PostgreSQL killed at once left none.
            load.awaitAcked(load.acked().size() + 200, Duration.ofSeconds(60));
            cluster.kill("postgres");
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() ->
                    assertThat(firing(prometheus)).contains("StorageNodeDown", "CircuitBreakerOpen"));
            cluster.start("postgres");
            cluster.awaitReady("postgres");
            cluster.start(NODE);
            cluster.awaitReady(NODE);
            load.awaitAcked(load.acked().size() + 500, Duration.ofSeconds(90));
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() ->
                    assertThat(active(prometheus)).doesNotContain("StorageNodeDown", "CircuitBreakerOpen"));
        }

        List<String> empty = new ArrayList<>();
        int queries = 0;
        for (Path file : DeploymentFiles.dashboards()) {
            for (Map<String, Object> panel : GrafanaDashboardsTest.panels(DeploymentFiles.json(file))) {
                for (String expr : GrafanaDashboardsTest.expressions(panel)) {
                    queries++;
                    String query = expr.replace("$__rate_interval", "1m").replace("$__range", "5m")
                            .replace("$node", ".*").replace("$job", ".*");
                    if (query(prometheus, query).isEmpty()) {
                        empty.add(file.getFileName() + " / " + panel.get("title") + ": " + query);
                    }
                }
            }
        }
        assertThat(queries).isGreaterThan(100);
        assertThat(empty).as("panel queries without any series").isEmpty();
    }

    /** The names of the alerts firing now. */
    private static Set<String> firing(String prometheus) {
        return alerts(prometheus, true);
    }

    /** The names of the alerts pending or firing now. */
    private static Set<String> active(String prometheus) {
        return alerts(prometheus, false);
    }

    private static Set<String> alerts(String prometheus, boolean firingOnly) {
        Set<String> names = new TreeSet<>();
        for (JsonNode alert : Http.getJson(prometheus + "/api/v1/alerts").get("data").get("alerts")) {
            if (!firingOnly || alert.get("state").asString().equals("firing")) {
                names.add(alert.get("labels").get("alertname").asString());
            }
        }
        return names;
    }

    private static List<JsonNode> query(String prometheus, String promql) {
        JsonNode answer = Http.getJson(prometheus + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        assertThat(answer.get("status").asString()).as(promql).isEqualTo("success");
        List<JsonNode> series = new ArrayList<>();
        answer.get("data").get("result").forEach(series::add);
        return series;
    }
}
