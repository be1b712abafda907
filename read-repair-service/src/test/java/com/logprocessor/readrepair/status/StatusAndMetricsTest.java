package com.logprocessor.readrepair.status;

import static com.logprocessor.readrepair.testing.Entries.entry;
import static com.logprocessor.readrepair.testing.Entries.request;
import static com.logprocessor.readrepair.testing.Entries.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.readrepair.testing.RepairTestSupport;
import com.logprocessor.support.testing.FakeStorageNodes.Node;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The stats endpoint, its docs, and the meters under the names Prometheus scrapes. */
class StatusAndMetricsTest extends RepairTestSupport {

    @Test
    void statsCountWhatThisInstanceDid() {
        List<Node> nodes = cluster();
        String key = unique("stats");
        LogEntry e = entry(UUID.randomUUID(), key, 1, 1, "coordinator-1");
        nodes.get(0).fake().hold(e);
        ReadRepairStats before = http().get().uri("/api/read-repair/stats").retrieve().body(ReadRepairStats.class);

        publish(request(key, 1, e.version(), nodes.get(1).id(), nodes.get(2).id()));
        publish(request(key, 1, e.version(), nodes.get(1).id(), nodes.get(2).id()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ReadRepairStats now = http().get().uri("/api/read-repair/stats").retrieve().body(ReadRepairStats.class);
            assertThat(now.completed()).isEqualTo(before.completed() + 1);
            assertThat(now.collapsed()).isEqualTo(before.collapsed() + 1);
            assertThat(now.replicasWritten()).isEqualTo(before.replicasWritten() + 2);
            assertThat(now.failed()).isEqualTo(before.failed());
        });
        String body = http().get().uri("/api/read-repair/stats").retrieve().body(String.class);
        assertThat(body).contains("\"completed\":", "\"failed\":", "\"collapsed\":", "\"replicasWritten\":");
    }

    @Test
    void metricsAreExportedUnderTheirPrometheusNames() {
        List<Node> nodes = cluster();
        String key = unique("metrics");
        LogEntry e = entry(UUID.randomUUID(), key, 1, 1, "coordinator-1");
        nodes.get(0).fake().hold(e);
        double completed = total("read.repairs.completed");
        publish(request(key, 1, e.version(), nodes.get(1).id()));
        await().atMost(Duration.ofSeconds(20)).until(() -> total("read.repairs.completed") == completed + 1);

        String metrics = http().get().uri("/actuator/prometheus").accept(MediaType.TEXT_PLAIN)
                .retrieve().body(String.class);
        assertThat(metrics).containsPattern("(?m)^read_repairs_completed_total\\{.*outcome=\"repaired\".*} [1-9]")
                .containsPattern("(?m)^read_repairs_failed_total\\{.*reason=\"unreachable\".*} ")
                .containsPattern("(?m)^read_repairs_failed_total\\{.*reason=\"conflict\".*} ")
                .containsPattern("(?m)^read_repairs_collapsed_total\\{.*} ")
                .containsPattern("(?m)^read_repair_replicas_written_total\\{.*} [1-9]")
                .containsPattern("(?m)^read_repair_replicas_down_total\\{.*} ")
                .containsPattern("(?m)^read_repair_seconds\\{.*quantile=\"0.5\".*} ")
                .containsPattern("(?m)^read_repair_seconds\\{.*quantile=\"0.99\".*} ")
                .containsPattern("(?m)^read_repair_seconds_count\\{.*} [1-9]");
    }

    @Test
    void theOpenApiDocsDescribeTheStatsEndpoint() {
        String docs = http().get().uri("/v3/api-docs").retrieve().body(String.class);
        assertThat(docs).contains("/api/read-repair/stats", "collapsed into another repair");
    }

    @Test
    void anUnknownPathIsAProblemDocument() {
        ResponseEntity<String> answer = http().get().uri("/api/read-repair/nope").retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> { })
                .toEntity(String.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        assertThat(answer.getHeaders().getContentType()).isNotNull();
        assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
    }
}
