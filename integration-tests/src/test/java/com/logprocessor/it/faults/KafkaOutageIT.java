package com.logprocessor.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.it.support.Http;
import com.logprocessor.it.support.Ingest;
import com.logprocessor.it.support.Ingest.Acked;
import com.logprocessor.it.support.Replicas;
import com.logprocessor.it.support.TestCluster;
import com.logprocessor.localcluster.LocalCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Kafka killed: the gateway answers 503 problem+json with Retry-After within 5 s instead of
 * hanging, never a 202, and sheds what piles up beyond its in-flight limit (429 with Retry-After);
 * once Kafka is back, ingest resumes without restarting anything.
 */
@Order(130)
class KafkaOutageIT {

    @Test
    void theGatewayFailsFastWhileKafkaIsDownAndResumesAfter() {
        LocalCluster cluster = TestCluster.get();
        String key = "kafka-down-" + UUID.randomUUID().toString().substring(0, 8);
        Ingest.send(List.of(key), "QUORUM"); // the producer knows the broker and the topic
        cluster.kill("kafka");
        try {
            for (String path : List.of("/api/logs", "/api/logs/batch")) {
                String body = path.endsWith("batch")
                        ? "{\"logs\":[{\"partitionId\":\"" + key + "\",\"message\":\"a\"},{\"partitionId\":\"" + key
                                + "\",\"message\":\"b\"}]}"
                        : "{\"partitionId\":\"" + key + "\",\"message\":\"while Kafka is down\"}";
                long start = System.nanoTime();
                HttpResponse<String> response = Http.post(TestCluster.gatewayUrl() + path, body);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(response.statusCode()).as("%s without Kafka: %s", path, response.body()).isEqualTo(503);
                assertThat(took).as("%s answered within 5 s", path).isLessThan(Duration.ofSeconds(5));
                assertThat(response.headers().firstValue("Retry-After"))
                        .as("%s: Retry-After in %s, body %s", path, response.headers().map(), response.body()).isPresent();
                assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
            }
            // Requests pile up while Kafka does not answer: beyond gateway.admission.max-in-flight-requests
            // (128) the gateway sheds them at once, 429 with Retry-After, instead of queueing them.
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
            for (int i = 0; i < 180; i++) {
                burst.add(client.sendAsync(Http.authorized(TestCluster.gatewayUrl() + "/api/logs")
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"partitionId\":\"" + key
                                + "\",\"message\":\"burst while Kafka is down\"}")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            Map<Integer, Long> statuses = burst.stream().map(CompletableFuture::join)
                    .peek(r -> assertThat(r.headers().firstValue("Retry-After")).as("%s", r.body()).isPresent())
                    .peek(r -> assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("problem+json"))
                    .collect(Collectors.groupingBy(HttpResponse::statusCode, TreeMap::new, Collectors.counting()));
            assertThat(statuses.keySet()).as("statuses of 180 requests at once: %s", statuses).containsOnly(429, 503);
            assertThat(statuses.get(429)).as("shed: %s", statuses).isNotNull().isGreaterThanOrEqualTo(20L);
        } finally {
            cluster.start("kafka");
            cluster.awaitReady("kafka");
        }
        List<Acked> acked = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                acked.addAll(Ingest.send(List.of(key, key), "QUORUM")));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(Replicas.check(acked, 3))
                        .as("logs accepted after Kafka's return, on every replica").matches(Replicas.Report::complete, "complete"));
    }
}
