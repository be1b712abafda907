package com.logprocessor.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.access.Role;
import com.logprocessor.it.support.Http;
import com.logprocessor.it.support.OpenApi;
import com.logprocessor.it.support.OpenApi.Operation;
import com.logprocessor.it.support.TestCluster;
import com.logprocessor.localcluster.security.ClusterSecrets;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Who gets in where, on the running cluster, walked from every service's OpenAPI docs so that an
 * endpoint added later is checked without being listed here: without a credential every endpoint
 * but the probes answers 401; a key whose role falls short answers 403; the role each endpoint
 * needs is the policy below (whatever it does not name is internal: the internal token only).
 */
@Order(15)
class SecurityIT {

    /** The least role of each public operation, by "service METHOD path"; absent means INTERNAL, null means open. */
    private static final Map<String, Optional<Role>> POLICY = Map.ofEntries(
            open(TestCluster.GATEWAY, "GET /api/health"),
            rule(TestCluster.GATEWAY, "POST /api/logs", Role.INGEST),
            rule(TestCluster.GATEWAY, "POST /api/logs/batch", Role.INGEST),
            rule(TestCluster.GATEWAY, "POST /api/write", Role.INGEST),
            rule(TestCluster.GATEWAY, "GET /api/logs", Role.READ),
            rule(TestCluster.GATEWAY, "GET /api/read/{partitionKey}/{sequence}", Role.READ),
            rule(TestCluster.COORDINATOR, "GET /ring", Role.READ),
            rule(TestCluster.COORDINATOR, "GET /api/coordinator/nodes", Role.READ),
            rule(TestCluster.COORDINATOR, "GET /api/coordinator/node/{key}", Role.READ),
            rule(TestCluster.COORDINATOR, "GET /api/coordinator/metrics/distribution", Role.READ),
            rule(TestCluster.COORDINATOR, "GET /api/coordinator/dlq", Role.READ),
            rule(TestCluster.COORDINATOR, "DELETE /api/coordinator/nodes/{nodeId}", Role.ADMIN),
            rule(TestCluster.COORDINATOR, "POST /ring/forget", Role.ADMIN),
            rule(TestCluster.COORDINATOR, "POST /api/coordinator/dlq/replay", Role.ADMIN),
            open(TestCluster.MERKLE, "GET /api/merkle/health"),
            rule(TestCluster.MERKLE, "POST /api/merkle/build", Role.READ),
            rule(TestCluster.MERKLE, "POST /api/merkle/compare", Role.READ),
            rule(TestCluster.ANTI_ENTROPY, "GET /api/coordinator/jobs", Role.READ),
            rule(TestCluster.ANTI_ENTROPY, "GET /api/coordinator/jobs/{id}", Role.READ),
            rule(TestCluster.ANTI_ENTROPY, "POST /api/coordinator/trigger", Role.ADMIN),
            rule(TestCluster.READ_REPAIR, "GET /api/read-repair/stats", Role.READ),
            rule(TestCluster.HINT_MANAGER, "GET /api/hints/pending", Role.READ),
            rule(TestCluster.HINT_MANAGER, "GET /api/hints/stats", Role.READ));

    private static List<Operation> operations;
    private static ClusterSecrets secrets;

    @BeforeAll
    static void walkTheDocs() {
        secrets = TestCluster.get().secrets();
        operations = new ArrayList<>(OpenApi.ofTestCluster());
        // Every storage node, not only the one whose docs were read.
        for (Operation op : List.copyOf(operations)) {
            if (op.service().equals("storage-node-1")) {
                for (int n = 2; n <= 3; n++) {
                    operations.add(new Operation("storage-node-" + n, TestCluster.nodeUrl(n), op.method(), op.path(),
                            op.parameters(), op.bodyTypes()));
                }
            }
        }
        assertThat(operations).as("documented operations").hasSizeGreaterThan(40);
    }

    @Test
    void withoutACredentialEveryEndpointButTheProbesAnswers401() {
        List<String> checked = new ArrayList<>();
        for (Operation op : operations) {
            HttpResponse<String> answer = send(op, Optional.empty());
            if (policy(op).isPresent() && policy(op).get().isEmpty()) {
                assertThat(answer.statusCode()).as("%s is open: %s", op, answer.body()).isEqualTo(200);
                continue;
            }
            JsonNode problem = problem(answer, 401, op);
            assertThat(problem.path("type").asString()).isEqualTo("urn:logstorage:problem:unauthorized");
            assertThat(answer.headers().allValues("WWW-Authenticate")).as("%s", op).isNotEmpty();
            checked.add(op.toString());
        }
        assertThat(checked).hasSizeGreaterThan(40);
        // A wrong key is 401 too, whatever the endpoint.
        problem(send(find(TestCluster.GATEWAY, "GET", "/api/logs"), Optional.of(h("X-API-Key", "lsk_wrong"))), 401, null);
        problem(send(find("storage-node-1", "GET", "/api/storage/count"), Optional.of(h("X-Internal-Token",
                secrets.internalToken() + "x"))), 401, null);
    }

    @Test
    void aKeyWhoseRoleFallsShortAnswers403AndOneThatReachesGetsThrough() {
        int forbidden = 0;
        for (Operation op : operations) {
            Optional<Optional<Role>> rule = policy(op);
            if (rule.isPresent() && rule.get().isEmpty()) {
                continue; // open
            }
            Role needed = rule.map(Optional::get).orElse(Role.INTERNAL);
            for (Role role : ClusterSecrets.KEY_ROLES) {
                HttpResponse<String> answer = send(op, Optional.of(h("X-API-Key", secrets.key(role))));
                if (role.grants().contains(needed)) {
                    if (op.path().equals("/ring/forget")) {
                        // The browser form also needs its CSRF token (RingPageIT posts it).
                        assertThat(problem(answer, 403, op).path("detail").asString()).contains("CSRF");
                    } else {
                        assertThat(answer.statusCode()).as("%s with a %s key: %s", op, role, answer.body())
                                .isNotIn(401, 403).isLessThan(500);
                    }
                } else {
                    JsonNode problem = problem(answer, 403, op);
                    assertThat(problem.path("type").asString()).isEqualTo("urn:logstorage:problem:forbidden");
                    assertThat(problem.path("detail").asString()).contains(role.label());
                    forbidden++;
                }
            }
            // The internal token reaches everything.
            if (!op.path().equals("/ring/forget")) {
                HttpResponse<String> internal = send(op, Optional.of(h("X-Internal-Token", secrets.internalToken())));
                assertThat(internal.statusCode()).as("%s with the internal token: %s", op, internal.body()).isNotIn(401, 403);
            }
        }
        assertThat(forbidden).isGreaterThan(80);
    }

    @Test
    void probesAndTheInternalNetworksMetricsAnswerWithoutCredentials() {
        for (String service : List.of(TestCluster.GATEWAY, TestCluster.COORDINATOR, "storage-node-1", TestCluster.MERKLE,
                TestCluster.ANTI_ENTROPY, TestCluster.READ_REPAIR, TestCluster.HINT_MANAGER)) {
            String url = TestCluster.get().url(service);
            for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
                    "/v3/api-docs", "/actuator/prometheus")) {
                HttpResponse<String> answer = Http.send(HttpRequest.newBuilder(URI.create(url + path)).GET().build());
                assertThat(answer.statusCode()).as("%s %s: %s", service, path, answer.body()).isEqualTo(200);
            }
            // Other actuator endpoints are internal.
            problem(Http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/metrics")).GET().build()), 401, null);
        }
    }

    private static Map.Entry<String, Optional<Role>> rule(String service, String operation, Role role) {
        return Map.entry(service + " " + operation, Optional.of(role));
    }

    private static Map.Entry<String, Optional<Role>> open(String service, String operation) {
        return Map.entry(service + " " + operation, Optional.empty());
    }

    /** Present for a listed operation (empty inside when open); absent when internal. */
    private static Optional<Optional<Role>> policy(Operation op) {
        String service = op.service().startsWith("storage-node-") ? "storage-node" : op.service();
        String key = service + " " + op.method() + " " + op.path();
        return POLICY.containsKey(key) ? Optional.of(POLICY.get(key)) : Optional.empty();
    }

    private static Operation find(String service, String method, String path) {
        return operations.stream().filter(o -> o.service().equals(service) && o.method().equals(method)
                && o.path().equals(path)).findFirst().orElseThrow(() -> new AssertionError("not documented: " + path));
    }

    private static String[] h(String name, String value) {
        return new String[]{name, value};
    }

    /**
     * The operation with harmless values (path variables that name nothing, an empty body): only who
     * gets in matters here, and nothing an allowed caller reaches may change the cluster.
     */
    private static HttpResponse<String> send(Operation op, Optional<String[]> header) {
        String path = op.path(p -> p.type().equals("integer") ? "0" : "security-it-nothing");
        // An invalid reason keeps the anti-entropy trigger from planning a cycle once it lets the caller in.
        if (op.in("query").stream().anyMatch(p -> p.name().equals("reason"))) {
            path += "?reason=security-it-nothing";
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(op.baseUrl() + path))
                .timeout(Duration.ofSeconds(30));
        header.ifPresent(h -> request.header(h[0], h[1]));
        if (op.hasBody()) {
            request.header("Content-Type", op.bodyTypes().get(0));
        }
        request.method(op.method(), op.hasBody() ? HttpRequest.BodyPublishers.ofString("")
                : HttpRequest.BodyPublishers.noBody());
        return Http.send(request.build());
    }

    private static JsonNode problem(HttpResponse<String> answer, int status, Operation op) {
        assertThat(answer.statusCode()).as("%s: %s", op, answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).as("%s", op)
                .startsWith("application/problem+json");
        JsonNode body = Http.json(answer);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        return body;
    }
}
