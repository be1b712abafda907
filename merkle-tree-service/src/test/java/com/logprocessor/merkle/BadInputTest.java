package com.logprocessor.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.merkle.testing.MerkleTestSupport;
import com.logprocessor.support.testing.FakeStorageNode;
import com.logprocessor.support.testing.FakeStorageNodes.Node;
import com.logprocessor.support.testing.TestRedis;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every way a request can go wrong answers problem+json with a status that says whose fault it
 * is: 400 naming the field for bad input, 404 for a node id nobody has, 409 for a node of another
 * segment size, 502 for an answer that is not a node's digests, 503 for a node that does not answer.
 */
class BadInputTest extends MerkleTestSupport {

    private static final String BUILD = "/api/merkle/build";
    private static final String COMPARE = "/api/merkle/compare";

    @Test
    void aMissingPartitionIdIsRefusedNamingTheField() {
        Node node = node();
        post(BUILD, Map.of("nodeUrl", node.id())).invalid("partitionId");
        post(BUILD, Map.of("partitionId", "  ", "nodeUrl", node.id())).invalid("partitionId");
        post(COMPARE, Map.of("node1Url", node.id(), "node2Url", node.id())).invalid("partitionId");
        assertThat(node.fake().digestRequests()).as("nothing asked of the node").isZero();
    }

    @Test
    void aPartitionIdOver256CharactersIsRefused() {
        Node node = node();
        JsonNode problem = post(BUILD, Map.of("partitionId", "p".repeat(257), "nodeUrl", node.id()))
                .invalid("partitionId");
        assertThat(problem.get("detail").asString()).contains("256");
        post(BUILD, Map.of("partitionId", "p".repeat(256), "nodeUrl", node.id())).ok();
        post(COMPARE, Map.of("partitionId", "p".repeat(300), "node1Url", node.id(), "node2Url", node.id()))
                .invalid("partitionId");
    }

    @Test
    void malformedNodeUrlsAreRefusedNamingTheField() {
        for (String bad : List.of("http://", "ftp://127.0.0.1:8082", "http://127.0.0.1:8082/?x=1",
                "http://user:pw@127.0.0.1:8082", "http://bad host:1", "127.0.0.1:8082", "not a node!")) {
            JsonNode problem = post(BUILD, Map.of("partitionId", "p", "nodeUrl", bad)).invalid("nodeUrl");
            assertThat(problem.get("type").asString()).isEqualTo("urn:logstorage:problem:invalid-request");
        }
        post(BUILD, Map.of("partitionId", "p", "node", "http://")).invalid("node");
        post(COMPARE, Map.of("partitionId", "p", "node1Url", "http://", "node2Url", "nope nope"))
                .invalid("node1Url", "node2Url");
    }

    @Test
    void aMissingNodeIsRefused() {
        post(BUILD, Map.of("partitionId", "p")).invalid("nodeUrl");
        post(COMPARE, Map.of("partitionId", "p", "node2Url", "storage-node-1")).invalid("node1Url");
        post(COMPARE, Map.of("partitionId", "p")).invalid("node1Url", "node2Url");
    }

    @Test
    void twoDifferentNodesForOneReplicaAreRefused() {
        Node node = node();
        post(BUILD, Map.of("partitionId", "p", "nodeUrl", node.url(), "node", "storage-node-9")).invalid("nodeUrl");
    }

    @Test
    void everyBadFieldIsListedAtOnce() {
        Map<String, Object> body = new HashMap<>();
        body.put("partitionId", null);
        body.put("node1Url", "http://");
        body.put("node2Url", "ftp://x");
        post(COMPARE, body).invalid("partitionId", "node1Url", "node2Url");
    }

    @Test
    void malformedJsonIsRefused() {
        postRaw(BUILD, "{\"partitionId\": ").problem(400);
        postRaw(COMPARE, "[1, 2]").problem(400);
        postRaw(BUILD, "").problem(400);
    }

    @Test
    void anUnknownNodeIdIsNotFound() {
        Node node = node();
        JsonNode problem = post(BUILD, Map.of("partitionId", "p", "nodeUrl", "storage-node-404")).problem(404);
        assertThat(problem.get("detail").asString()).contains("storage-node-404");
        assertThat(problem.get("field").asString()).isEqualTo("nodeUrl");
        JsonNode compare = post(COMPARE, Map.of("partitionId", "p", "node1Url", node.id(),
                "node2Url", "storage-node-404")).problem(404);
        assertThat(compare.get("field").asString()).isEqualTo("node2Url");
    }

    @Test
    void aMemberWhoseUrlIsNotKnownIsUnavailable() {
        String ghost = unique("ghost");
        membershipStore.saveTokens(ghost, List.of(42L)); // registered, never heartbeated: DOWN, no URL
        try {
            ringView.refresh();
            JsonNode problem = post(BUILD, Map.of("partitionId", "p", "nodeUrl", ghost)).problem(503);
            assertThat(problem.get("detail").asString()).contains(ghost, "DOWN");
        } finally {
            membershipStore.forget(ghost);
            ringView.refresh();
        }
    }

    @Test
    void aNodeThatDoesNotAnswerIsUnavailable() {
        Node up = node();
        String nobody = "http://127.0.0.1:" + TestRedis.freePort();
        Answer answer = post(BUILD, Map.of("partitionId", "p", "nodeUrl", nobody));
        JsonNode problem = answer.problem(503);
        assertThat(problem.get("detail").asString()).contains(nobody);
        assertThat(answer.headers().getFirst("Retry-After")).isNotBlank();
        post(COMPARE, Map.of("partitionId", "p", "node1Url", up.id(), "node2Url", nobody)).problem(503);

        // A member that stopped answering while still UP in membership.
        Node dying = node();
        dying.fake().close();
        post(BUILD, Map.of("partitionId", "p", "nodeUrl", dying.id())).problem(503);
    }

    @Test
    void aNodeFailingWithA5xxIsUnavailableAndAnAnswerThatIsNotDigestsIsABadGateway() {
        Node node = node();
        node.fake().failDigestsWithStatus = 500;
        post(BUILD, Map.of("partitionId", "p", "nodeUrl", node.id())).problem(503);
        node.fake().failDigestsWithStatus = 404; // not a storage node's digests endpoint
        JsonNode problem = post(BUILD, Map.of("partitionId", "p", "nodeUrl", node.id())).problem(502);
        assertThat(problem.get("detail").asString()).contains("404");
    }

    @Test
    void digestsNoTreeCanBeBuiltFromAreABadGateway() {
        Node node = node();
        node.fake().digests("dup", List.of(new SegmentDigest(4, 1, 1), new SegmentDigest(4, 2, 1)));
        JsonNode problem = post(BUILD, Map.of("partitionId", "dup", "nodeUrl", node.id())).problem(502);
        assertThat(problem.get("detail").asString()).contains("segment 4 is given twice");
    }

    @Test
    void aNodeWithAnotherSegmentSizeIsAConflict() {
        Node a = node();
        FakeStorageNode other = outsider();
        other.segmentSize = 500;
        other.digests("p", fullSegments(5, 3));
        JsonNode build = post(BUILD, Map.of("partitionId", "p", "nodeUrl", other.url())).problem(409);
        assertThat(build.get("detail").asString()).contains("500", "1000", "segment");
        assertThat(build.get("nodeSegmentSize").asInt()).isEqualTo(500);
        JsonNode compare = post(COMPARE, Map.of("partitionId", "p", "node1Url", a.id(), "node2Url", other.url()))
                .problem(409);
        assertThat(compare.get("field").asString()).isEqualTo("node2Url");
    }

    @Test
    void anUnknownPathIsAProblemDocument() {
        get("/api/merkle/nope").problem(404);
    }
}
