package com.logprocessor.support.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * What every service promises an operator, checked against its booted context: liveness and
 * readiness probes, Prometheus metrics tagged with the application name, OpenAPI docs, and an
 * RFC 9457 problem+json for every error, including those Tomcat answers itself before any
 * service code runs (sent over a raw socket, since real clients refuse to send them).
 * A service's test extends this with {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}.
 */
public abstract class ServiceEndpointsContract {

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", TestRedis::port);
    }

    protected RestClient http() {
        return RestClient.create("http://127.0.0.1:" + port);
    }

    @Test
    void livenessAndReadinessProbesAreUp() {
        assertThat(http().get().uri("/actuator/health/liveness").retrieve().body(String.class)).contains("\"UP\"");
        assertThat(http().get().uri("/actuator/health/readiness").retrieve().body(String.class)).contains("\"UP\"");
    }

    @Test
    void prometheusMetricsAreExposedAndTaggedWithTheApplication() {
        String metrics = http().get().uri("/actuator/prometheus")
                .accept(MediaType.TEXT_PLAIN).retrieve().body(String.class);
        assertThat(metrics).contains("jvm_memory_used_bytes").contains("application=\"");
    }

    @Test
    void openApiDocsAreServed() {
        assertThat(http().get().uri("/v3/api-docs").retrieve().body(String.class)).contains("\"openapi\"");
    }

    @Test
    void anEncodedSlashOrNulInThePathIsAProblem() {
        assertProblem(RawHttp.send(port, "GET", "/api/x%2Fy"), 400);
        assertProblem(RawHttp.send(port, "GET", "/api/a%00b"), 400);
    }

    @Test
    void headersOverTheServersLimitAreAProblem() {
        // 20 KB: over Tomcat's 8 KB default; Tomcat answers 400 (431 would do as well).
        RawHttp.Answer answer = RawHttp.send(port, "GET", "/actuator/health", "X-Padding: " + "a".repeat(20 * 1024));
        assertThat(answer.status()).isIn(400, 431);
        assertProblem(answer, answer.status());
    }

    @Test
    void aWrongMethodOnAnExistingEndpointIsAProblem() {
        assertProblem(RawHttp.send(port, "DELETE", "/v3/api-docs"), 405);
    }

    @Test
    void anUnknownPathIsAProblemEvenToAClientAskingForHtml() {
        assertProblem(RawHttp.send(port, "GET", "/api/no-such-endpoint", "Accept: text/html"), 404);
    }

    /**
     * Asserts an RFC 9457 problem with this status: the content type, a JSON body whose
     * {@code status} is the HTTP status, a type, title and detail, and no control character.
     */
    protected static JsonNode assertProblem(RawHttp.Answer answer, int status) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(status);
        assertThat(answer.contentType()).as("content type of %s", answer).startsWith("application/problem+json");
        assertThat(answer.body().chars()).as("control characters in %s", answer)
                .noneMatch(c -> c < 0x20 || c == 0x7f);
        JsonNode problem = JsonMapper.builder().build().readTree(answer.body());
        assertThat(problem.path("status").asInt()).as("status in %s", answer.body()).isEqualTo(status);
        assertThat(problem.path("type").asString()).as("type in %s", answer.body()).isNotBlank();
        assertThat(problem.path("title").asString()).as("title in %s", answer.body()).isNotBlank();
        assertThat(problem.path("detail").asString()).as("detail in %s", answer.body()).isNotBlank()
                .doesNotContainPattern("\\p{Cntrl}");
        return problem;
    }
}
