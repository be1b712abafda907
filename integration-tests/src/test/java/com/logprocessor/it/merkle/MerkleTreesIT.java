package com.logprocessor.it.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.it.support.Http;
import com.logprocessor.it.support.NodeDatabase;
import com.logprocessor.it.support.TestCluster;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Merkle tree service against real storage nodes: trees from the nodes' segment digests, a
 * row lost on one replica (deleted in its PostgreSQL, then found by the node's digest
 * verification) shows up as exactly the segment that holds it, and the trees agree again once
 * read repair has written it back.
 */
@Order(65)
class MerkleTreesIT {

    private static JsonNode post(String path, String body, int status) {
        HttpResponse<String> response = Http.post(TestCluster.get().url(TestCluster.MERKLE) + path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return Http.json(response);
    }

    private static JsonNode compare(String key, String a, String b) {
        return post("/api/merkle/compare",
                "{\"partitionId\":\"" + key + "\",\"node1Url\":\"" + a + "\",\"node2Url\":\"" + b + "\"}", 200);
    }

    @Test
    void aLostRowIsTheOneDifferingSegmentAndReadRepairMakesTheTreesEqual() {
        String key = "merkle-" + UUID.randomUUID().toString().substring(0, 8);
        String gateway = TestCluster.gatewayUrl();
        List<String> replicas = new ArrayList<>();
        for (int i = 0; i < 1200; i += 400) { // 1,200 entries: segments 0 and 1 of a 1,000-sequence segmentation
            StringBuilder batch = new StringBuilder("{\"logs\":[");
            for (int j = 0; j < 400; j++) {
                batch.append(j == 0 ? "" : ",").append("{\"partitionId\":\"").append(key).append("\",\"message\":\"m")
                        .append(i + j).append("\"}");
            }
            assertThat(Http.post(gateway + "/api/logs/batch?consistency=ALL", batch.append("]}").toString())
                    .statusCode()).isEqualTo(202);
        }
        HttpResponse<String> last = Http.post(gateway + "/api/write?consistency=ALL",
                "{\"partitionId\":\"" + key + "\",\"message\":\"last\"}");
        assertThat(last.statusCode()).as(last.body()).isEqualTo(201);
        assertThat(Http.json(last).get("sequence").asLong()).isEqualTo(1201);
        Http.json(last).get("replicas").forEach(n -> replicas.add(n.asString()));
        String a = replicas.get(0);
        String b = replicas.get(1);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> { // digests fold from the journal within a second
            JsonNode built = post("/api/merkle/build", "{\"partitionId\":\"" + key + "\",\"nodeUrl\":\"" + a + "\"}", 200);
            assertThat(built.get("entries").asLong()).isEqualTo(1201);
            assertThat(built.get("depth").asInt()).isEqualTo(10);
            assertThat(compare(key, a, b).get("consistent").asBoolean()).isTrue();
        });

        // Lost behind the system's back; the node's digest verification notices and corrects its digest.
        assertThat(NodeDatabase.delete(NodeDatabase.number(a), key, 1100)).isEqualTo(1);
        HttpResponse<String> verified = Http.post(TestCluster.get().url(a) + "/api/storage/digests/verify?partitionKey="
                + key, "");
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        JsonNode differing = compare(key, a, b);
        assertThat(differing.get("consistent").asBoolean()).isFalse();
        assertThat(differing.get("differingSegments")).hasSize(1);
        JsonNode segment = differing.get("differingSegments").get(0);
        assertThat(segment.get("firstSequence").asLong()).isLessThanOrEqualTo(1100);
        assertThat(segment.get("lastSequence").asLong()).isGreaterThanOrEqualTo(1100);
        assertThat(segment.get("node1").get("count").asLong() + 1).isEqualTo(segment.get("node2").get("count").asLong());

        Http.getJson(gateway + "/api/read/" + key + "/1100?consistency=ALL&repair=blocking");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThat(compare(key, a, b).get("consistent").asBoolean()).isTrue());
        assertThat(post("/api/merkle/compare", "{\"partitionId\":\"" + key + "\",\"node1Url\":\"" + a
                + "\",\"node2Url\":\"storage-node-9\"}", 404).get("detail").asString()).isNotBlank();
        post("/api/merkle/compare", "{\"node1Url\":\"" + a + "\",\"node2Url\":\"" + b + "\"}", 400);
    }
}
