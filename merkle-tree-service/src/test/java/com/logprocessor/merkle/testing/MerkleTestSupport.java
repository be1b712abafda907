package com.logprocessor.merkle.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.support.membership.MembershipStore;
import com.logprocessor.support.membership.RingView;
import com.logprocessor.support.testing.FakeStorageNode;
import com.logprocessor.support.testing.FakeStorageNodes;
import com.logprocessor.support.testing.FakeStorageNodes.Node;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the service's context tests share: fake storage nodes that join ring membership as UP
 * members ({@link FakeStorageNodes}: forgotten after each test), requests to the service read as
 * JSON whatever their status, and digests to give the fakes.
 */
@MerkleServiceTest
public abstract class MerkleTestSupport {

    /** An answer of the service: status, headers and the body as JSON. */
    public record Answer(int status, HttpHeaders headers, JsonNode body) {

        /** Asserts a problem+json of this status and returns its body. */
        public JsonNode problem(int expectedStatus) {
            assertThat(status).as("status of %s", body).isEqualTo(expectedStatus);
            assertThat(headers.getContentType()).as("content type of %s", body).isNotNull();
            assertThat(headers.getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .as("content type %s", headers.getContentType()).isTrue();
            assertThat(body.get("status").asInt()).isEqualTo(expectedStatus);
            assertThat(body.get("detail").asString()).isNotBlank();
            return body;
        }

        /** Asserts a 400 problem listing exactly these fields under {@code errors}. */
        public JsonNode invalid(String... fields) {
            JsonNode problem = problem(400);
            List<String> listed = new ArrayList<>();
            problem.get("errors").forEach(e -> listed.add(e.get("field").asString()));
            assertThat(listed).as("fields of %s", problem).containsExactlyInAnyOrder(fields);
            return problem;
        }

        public JsonNode ok() {
            assertThat(status).as("status of %s", body).isEqualTo(200);
            return body;
        }
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected JsonMapper json;
    @Autowired
    protected MeterRegistry meters;
    @Autowired
    protected MembershipStore membershipStore;
    @Autowired
    protected RingView ringView;
    @RegisterExtension
    protected final FakeStorageNodes fakeNodes = new FakeStorageNodes();

    protected RestClient http() {
        return RestClient.create("http://127.0.0.1:" + port);
    }

    /** A fake storage node registered UP in ring membership, once this service sees it UP. */
    protected Node node() {
        return fakeNodes.up(unique("storage-node"));
    }

    /** A fake storage node no ring member serves on (asked by URL only). */
    protected FakeStorageNode outsider() {
        return fakeNodes.fake();
    }

    protected Answer post(String path, Object body) {
        return answer(http().post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> { })
                .toEntity(String.class));
    }

    /** A body sent as it is (for malformed JSON). */
    protected Answer postRaw(String path, String body) {
        return post(path, (Object) body);
    }

    protected Answer get(String path) {
        return answer(http().get().uri(path).retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> { })
                .toEntity(String.class));
    }

    private Answer answer(ResponseEntity<String> entity) {
        String body = entity.getBody();
        return new Answer(entity.getStatusCode().value(), entity.getHeaders(),
                body == null || body.isEmpty() ? json.createObjectNode() : json.readTree(body));
    }

    /** Digests of segments {@code 0..segments-1}, each full (count 1000) with a random hash. */
    public static List<SegmentDigest> fullSegments(long seed, int segments) {
        SplittableRandom r = new SplittableRandom(seed);
        List<SegmentDigest> out = new ArrayList<>();
        for (int s = 0; s < segments; s++) {
            out.add(new SegmentDigest(s, r.nextLong(), 1000));
        }
        return out;
    }

    /** The sum of every series of a counter. */
    protected double total(String name) {
        return meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    protected double counter(String name, String... tags) {
        Counter c = meters.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    /** A name no other test uses. */
    public static String unique(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
