package com.logprocessor.it.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.version.LamportVersion;
import com.logprocessor.it.support.Http;
import com.logprocessor.it.support.Ingest;
import com.logprocessor.it.support.Metrics;
import com.logprocessor.it.support.NodeDatabase;
import com.logprocessor.it.support.TestCluster;
import com.logprocessor.localcluster.LocalCluster;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Quorum reads and read repair, end to end: {@code POST /api/write} through Kafka and the
 * coordinator, {@code GET /api/read} at a level, replicas damaged behind the system's back (rows
 * deleted in a node's own PostgreSQL, a newer version written to one replica only) and healed by
 * the read, each replica checked directly.
 */
@Order(60)
class ReadRepairIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private static JsonNode write(String key, String body, String consistency, int status) {
        HttpResponse<String> response = Http.post(TestCluster.gatewayUrl() + "/api/write?consistency=" + consistency, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return Http.json(response);
    }

    private static JsonNode writeNew(String key, String message) {
        return write(key, "{\"partitionId\":\"" + key + "\",\"message\":\"" + message + "\"}", "ALL", 201);
    }

    private static JsonNode read(String baseUrl, String path) {
        return Http.getJson(baseUrl + path);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    /** The copy node {@code nodeId} holds, read from it directly. */
    private static Optional<LogEntry> onNode(String nodeId, String key, long sequence) {
        HttpResponse<String> response = Http.get(TestCluster.get().url(nodeId) + "/api/storage/entries/"
                + URLEncoder.encode(key, StandardCharsets.UTF_8) + "/" + sequence);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Optional.of(Http.JSON.readValue(response.body(), LogEntry.class));
    }

    private static void storeOn(String nodeId, LogEntry entry) {
        HttpResponse<String> response = Http.post(TestCluster.get().url(nodeId) + "/api/storage/store/batch",
                Http.JSON.writeValueAsString(Map.of("entries", List.of(entry))));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void aRowLostOnAContactedReplicaIsBackWithinASecondOfTheRead() {
        String key = "rr-async-" + RUN;
        JsonNode written = writeNew(key, "lost and found");
        long sequence = written.get("sequence").asLong();
        List<String> replicas = strings(written.get("replicas"));
        assertThat(written.get("acks").asInt()).isEqualTo(3);
        String damaged = replicas.get(0); // the first replica: a QUORUM read always asks it
        assertThat(NodeDatabase.delete(NodeDatabase.number(damaged), key, sequence)).isEqualTo(1);
        assertThat(onNode(damaged, key, sequence)).isEmpty();

        JsonNode answer = read(TestCluster.gatewayUrl(), "/api/read/" + key + "/" + sequence + "?consistency=QUORUM");
        long answeredAt = System.nanoTime();
        assertThat(answer.get("entry").get("id").asString()).isEqualTo(written.get("id").asString());
        assertThat(answer.get("entry").get("message").asString()).isEqualTo("lost and found");
        assertThat(strings(answer.get("stale"))).containsExactly(damaged);
        assertThat(answer.get("repair").asString()).isEqualTo("async");

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> onNode(damaged, key, sequence).isPresent());
        long millis = (System.nanoTime() - answeredAt) / 1_000_000;
        System.out.println("[read-repair] async repair landed " + millis + " ms after the read answered");
        assertThat(millis).as("the design's bound for an async read repair").isLessThanOrEqualTo(1000);
        assertThat(onNode(damaged, key, sequence).orElseThrow().version().toString())
                .isEqualTo(answer.get("entry").get("version").get("counter").asLong() + "@"
                        + answer.get("entry").get("version").get("writerId").asString());
    }

    @Test
    void aBlockingReadRepairsBeforeItAnswers() {
        String key = "rr-blocking-" + RUN;
        JsonNode written = writeNew(key, "repaired in line");
        long sequence = written.get("sequence").asLong();
        String damaged = strings(written.get("replicas")).get(1);
        assertThat(NodeDatabase.delete(NodeDatabase.number(damaged), key, sequence)).isEqualTo(1);

        JsonNode answer = read(TestCluster.gatewayUrl(),
                "/api/read/" + key + "/" + sequence + "?consistency=QUORUM&repair=blocking");
        assertThat(strings(answer.get("stale"))).containsExactly(damaged);
        assertThat(strings(answer.get("repaired"))).containsExactly(damaged);
        assertThat(onNode(damaged, key, sequence)).as("on the replica when the read answers").isPresent();
    }

    @Test
    void aNewerVersionOnOneReplicaWinsAndReachesTheOthersAndAnOlderOneNeverOverwritesIt() {
        String key = "rr-newer-" + RUN;
        JsonNode written = writeNew(key, "first version");
        long sequence = written.get("sequence").asLong();
        List<String> replicas = strings(written.get("replicas"));
        LogEntry original = onNode(replicas.get(0), key, sequence).orElseThrow();
        LogEntry newer = new LogEntry(original.id(), key, sequence, original.timestamp(), original.level(),
                original.sourceIp(), original.service(), "second version", original.attributes(),
                new LamportVersion(original.version().counter() + 1000, "it-writer"));
        storeOn(replicas.get(1), newer); // one replica only, through its storage API

        JsonNode answer = read(TestCluster.gatewayUrl(), "/api/read/" + key + "/" + sequence + "?consistency=QUORUM");
        assertThat(answer.get("entry").get("message").asString()).isEqualTo("second version");
        assertThat(strings(answer.get("stale"))).contains(replicas.get(0));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            for (String node : replicas) {
                assertThat(onNode(node, key, sequence)).as(node).hasValueSatisfying(
                        e -> assertThat(e.version()).isEqualTo(newer.version()));
            }
        });

        // The older version sent again to a replica (as a late hint or a slow repair would) changes nothing.
        storeOn(replicas.get(2), original);
        JsonNode all = read(TestCluster.gatewayUrl(), "/api/read/" + key + "/" + sequence + "?consistency=ALL");
        assertThat(all.get("entry").get("message").asString()).isEqualTo("second version");
        assertThat(strings(all.get("stale"))).isEmpty();
        for (String node : replicas) {
            assertThat(onNode(node, key, sequence).orElseThrow().message()).as(node).isEqualTo("second version");
        }
    }

    @Test
    void readRepairChanceOneRepairsAReplicaOutsideTheContactedOnes() {
        LocalCluster cluster = TestCluster.get();
        String key = "rr-chance-" + RUN;
        JsonNode written = writeNew(key, "checked by chance");
        long sequence = written.get("sequence").asLong();
        List<String> replicas = strings(written.get("replicas"));
        String outside = replicas.get(2); // a QUORUM read asks the first two
        assertThat(NodeDatabase.delete(NodeDatabase.number(outside), key, sequence)).isEqualTo(1);

        cluster.start(TestCluster.SECOND_COORDINATOR);
        try {
            cluster.awaitReady(TestCluster.SECOND_COORDINATOR);
            JsonNode answer = read(cluster.url(TestCluster.SECOND_COORDINATOR),
                    "/api/coordinator/read/" + key + "/" + sequence + "?consistency=QUORUM");
            assertThat(strings(answer.get("contacted"))).containsExactlyInAnyOrderElementsOf(replicas);
            assertThat(strings(answer.get("stale"))).containsExactly(outside);
            await().atMost(Duration.ofSeconds(5)).until(() -> onNode(outside, key, sequence).isPresent());
        } finally {
            cluster.stop(TestCluster.SECOND_COORDINATOR);
        }
    }

    @Test
    void aRetriedIdIsStoredOnceAndConsumesNoSequence() {
        String key = "rr-retry-" + RUN;
        String id = UUID.randomUUID().toString();
        String body = "{\"id\":\"" + id + "\",\"partitionId\":\"" + key + "\",\"message\":\"sent twice\"}";
        assertThat(Http.post(TestCluster.gatewayUrl() + "/api/logs", body).statusCode()).isEqualTo(202);
        JsonNode retried = write(key, body, "QUORUM", 200);
        assertThat(retried.get("duplicate").asBoolean()).isTrue();
        assertThat(retried.get("id").asString()).isEqualTo(id);
        assertThat(retried.get("replicas")).as("the replicas where it is").hasSize(3);
        long sequence = retried.get("sequence").asLong();
        assertThat(sequence).isEqualTo(1);

        JsonNode next = writeNew(key, "the next log");
        assertThat(next.get("sequence").asLong()).as("no sequence was spent on the retry").isEqualTo(2);
        JsonNode again = write(key, body, "ALL", 200);
        assertThat(again.get("sequence").asLong()).isEqualTo(sequence);
        assertThat(Http.post(TestCluster.gatewayUrl() + "/api/logs", body).statusCode()).isEqualTo(202);
        JsonNode last = writeNew(key, "after another retry");
        assertThat(last.get("sequence").asLong()).isEqualTo(3);

        for (String node : strings(last.get("replicas"))) {
            List<LogEntry> stored = Ingest.onNode(TestCluster.get().url(node), key);
            assertThat(stored).as(node).extracting(LogEntry::sequence).containsExactly(1L, 2L, 3L);
            assertThat(stored.stream().filter(e -> e.id().toString().equals(id)).count()).as(node).isEqualTo(1);
        }
        JsonNode read = read(TestCluster.gatewayUrl(), "/api/read/" + key + "/1?consistency=ALL");
        assertThat(read.get("entry").get("id").asString()).isEqualTo(id);
    }

    @Test
    void aRetryOfAnIdTheCoordinatorForgotIsStoredOnceAndItsSequenceIsExplained() {
        String key = "rr-forgotten-" + RUN;
        String id = UUID.randomUUID().toString();
        String body = "{\"id\":\"" + id + "\",\"partitionId\":\"" + key + "\",\"message\":\"sent long ago\"}";
        assertThat(write(key, body, "ALL", 201).get("sequence").asLong()).isEqualTo(1);
        // 1,500 other ids written after it: more than the 1,000 the test cluster's coordinator remembers.
        double writtenBefore = Metrics.written();
        StringBuilder batch = new StringBuilder("{\"logs\":[");
        for (int i = 0; i < 1500; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"partitionId\":\"rr-filler-").append(RUN).append('-').append(i)
                    .append("\",\"message\":\"filler\"}");
        }
        assertThat(Http.post(TestCluster.gatewayUrl() + "/api/logs/batch", batch.append("]}").toString()).statusCode())
                .isEqualTo(202);
        writeNew("rr-filler-" + RUN + "-last", "behind the filler");
        // All of them written (they spread over ingest partitions that the coordinator works through in any order).
        await().atMost(Duration.ofSeconds(60)).until(() -> Metrics.written() - writtenBefore >= 1501);

        JsonNode retried = write(key, body, "ALL", 200);
        assertThat(retried.get("duplicate").asBoolean()).isTrue();
        assertThat(retried.get("sequence").asLong()).as("answered with where the id is").isEqualTo(1);
        assertThat(writeNew(key, "next").get("sequence").asLong()).isEqualTo(3);

        HttpResponse<String> hole = Http.get(TestCluster.gatewayUrl() + "/api/read/" + key + "/2");
        assertThat(hole.statusCode()).as(hole.body()).isEqualTo(404);
        JsonNode problem = Http.json(hole);
        assertThat(problem.get("type").asString()).isEqualTo("urn:logstorage:problem:retried-id");
        assertThat(problem.get("id").asString()).isEqualTo(id);
        assertThat(problem.get("storedAt").get("sequence").asLong()).isEqualTo(1);
        for (String node : strings(retried.get("replicas"))) {
            assertThat(Ingest.onNode(TestCluster.get().url(node), key)).as(node)
                    .extracting(LogEntry::sequence).containsExactly(1L, 3L);
        }
    }
}
