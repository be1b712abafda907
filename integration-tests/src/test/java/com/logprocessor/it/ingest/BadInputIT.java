package com.logprocessor.it.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.it.support.Http;
import com.logprocessor.it.support.Ingest;
import com.logprocessor.it.support.TestCluster;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Bad input gets a 4xx application/problem+json with a clear detail, and stores nothing: the
 * ingest topic does not grow, and none of the keys used can be read.
 */
@Order(50)
class BadInputIT {

    private static final String KEY = "bad-" + UUID.randomUUID();

    private static long ingestEndOffsets() throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", TestCluster.get().kafkaBootstrapServers()))) {
            List<TopicPartition> partitions = admin.describeTopics(List.of("logs.ingest")).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get("logs.ingest").partitions().stream()
                    .map(p -> new TopicPartition("logs.ingest", p.partition())).toList();
            return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get(10, TimeUnit.SECONDS).values().stream().mapToLong(r -> r.offset()).sum();
        }
    }

    private static JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode body = Http.json(response);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("detail").asString()).isNotBlank();
        return body;
    }

    @Test
    void badInputIsRefusedWithAProblemAndNothingIsStored() throws Exception {
        String gateway = TestCluster.gatewayUrl();
        long offsetsBefore = ingestEndOffsets();

        assertThat(problem(Http.post(gateway + "/api/logs/batch", "{\"logs\":[{\"partitionId\":\"" + KEY + "\""), 400)
                .get("detail").asString()).contains("not valid JSON");
        assertThat(problem(Http.post(gateway + "/api/logs", "{\"partitionId\":\"" + KEY + "\"}"), 400)
                .get("errors").get(0).get("field").asString()).isEqualTo("message");
        assertThat(problem(Http.post(gateway + "/api/logs",
                "{\"partitionId\":\"" + KEY + "\",\"message\":\"" + "x".repeat(70_000) + "\"}"), 400)
                .get("detail").asString()).contains("64 KiB");
        assertThat(problem(Http.post(gateway + "/api/logs",
                "{\"partitionId\":\"" + KEY + "\",\"sourceIp\":\"10.0.0.256\",\"message\":\"m\"}"), 400)
                .get("errors").get(0).get("field").asString()).isEqualTo("sourceIp");
        assertThat(problem(Http.post(gateway + "/api/logs?consistency=EVERYONE",
                "{\"partitionId\":\"" + KEY + "\",\"message\":\"m\"}"), 400)
                .get("detail").asString()).contains("EVERYONE").contains("QUORUM");

        String log = "{\"partitionId\":\"" + KEY + "\",\"message\":\"m\"}";
        problem(Http.post(gateway + "/api/logs/batch", "[" + (log + ",").repeat(10_000) + log + "]"), 413);
        String big = "{\"partitionId\":\"" + KEY + "\",\"message\":\"" + "y".repeat(60_000) + "\"}";
        problem(Http.post(gateway + "/api/logs/batch", "[" + (big + ",").repeat(290) + big + "]"), 413);
        JsonNode mixed = problem(Http.post(gateway + "/api/logs/batch", "[" + log + ",{\"partitionId\":\"" + KEY
                + "\",\"message\":\"\"}]"), 400);
        assertThat(mixed.get("errors").get(0).get("field").asString()).isEqualTo("logs[1].message");

        assertThat(ingestEndOffsets()).as("records published to logs.ingest").isEqualTo(offsetsBefore);
        // And through the read path: a valid log sent now becomes readable, the rejected ones never do.
        Ingest.Acked marker = Ingest.send(List.of(KEY), null).get(0);
        await().atMost(Duration.ofSeconds(30)).until(() -> !Ingest.readable(KEY).isEmpty());
        assertThat(Ingest.readable(KEY)).containsExactly(marker.id());
    }
}
