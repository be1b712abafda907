package com.logprocessor.merkle.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.support.membership.MembershipProperties;
import com.logprocessor.support.membership.MembershipStore;
import com.logprocessor.support.membership.RingLifecycler;
import com.logprocessor.support.membership.RingView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
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
 * members (and are forgotten after each test), requests to the service read as JSON whatever
 * their status, and digests to give the fakes.
 */
@MerkleServiceTest
public abstract class MerkleTestSupport {

    /** A fake storage node in the ring. */
    public record Node(String id, FakeStorageNode fake, RingLifecycler lifecycler) {
        public String url() {
            return fake.url();
        }
    }

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
    protected MembershipProperties membership;
    @Autowired
    protected RingView ringView;

    private final List<Node> nodes = new ArrayList<>();
    private final List<FakeStorageNode> outsiders = new ArrayList<>();

    @AfterEach
    void forgetNodes() {
        for (Node node : nodes) {
            node.lifecycler().stop();
            membershipStore.forget(node.id());
            node.fake().close();
        }
        nodes.clear();
        outsiders.forEach(FakeStorageNode::close);
        outsiders.clear();
        ringView.refresh();
    }

    protected RestClient http() {
        return RestClient.create("http://127.0.0.1:" + port);
    }

    /** A fake storage node registered UP in ring membership, once this service sees it UP. */
    protected Node node() {
        FakeStorageNode fake = new FakeStorageNode(json);
        String id = unique("storage-node");
        RingLifecycler lifecycler = new RingLifecycler(membershipStore, membership, 3, id, fake.url(),
                Clock.systemUTC());
        Node node = new Node(id, fake, lifecycler);
        nodes.add(node);
        lifecycler.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> ringView.snapshot().isUp(id));
        return node;
    }

    /** A fake storage node no ring member serves on (asked by URL only). */
    protected FakeStorageNode outsider() {
        FakeStorageNode fake = new FakeStorageNode(json);
        outsiders.add(fake);
        return fake;
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
