package com.logprocessor.localcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.localcluster.infra.PrometheusServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusServerTest {

    @Test
    void scrapesEveryServiceAtItsLocalPortUnderItsComposeJobNameAndLoadsTheAlerts() {
        Map<String, Integer> targets = new LinkedHashMap<>();
        targets.put("api-gateway", 18080);
        targets.put("storage-node-2", 18083);
        String yml = PrometheusServer.config(19090, targets);
        assertThat(yml).contains("rule_files:\n  - alerts.yml", "scrape_interval: 5s",
                "  - job_name: prometheus\n    static_configs:\n      - targets: [\"127.0.0.1:19090\"]",
                "  - job_name: api-gateway\n    metrics_path: /actuator/prometheus\n    static_configs:\n"
                        + "      - targets: [\"127.0.0.1:18080\"]",
                "  - job_name: storage-node-2\n");
    }

    /** Where Prometheus is installed: it starts from this configuration and loads every alert rule. */
    @Test
    void aRealPrometheusStartsWithItAndLoadsEveryAlert(@TempDir Path run) throws Exception {
        Assumptions.assumeTrue(PrometheusServer.binary().isPresent(), "no prometheus binary: skipped");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path repo = RepoLocator.find();
        List<String> command = PrometheusServer.command(run, repo, port, Map.of("api-gateway", 1));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(run.resolve("prometheus.log").toFile()).start();
        try {
            int p = port;
            await().atMost(Duration.ofSeconds(30)).until(() -> PrometheusServer.isReady(p));
            HttpResponse<String> rules = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/rules")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            long alerts = Files.readAllLines(repo.resolve("monitoring/prometheus/alerts.yml")).stream()
                    .filter(l -> l.trim().startsWith("- alert:")).count();
            assertThat(alerts).isGreaterThanOrEqualTo(8);
            assertThat(rules.body().split("\"type\":\"alerting\"", -1)).hasSize((int) alerts + 1);
            assertThat(Files.isDirectory(run.resolve("prometheus/data"))).isTrue();
        } finally {
            process.destroy();
            process.waitFor();
        }
    }
}
