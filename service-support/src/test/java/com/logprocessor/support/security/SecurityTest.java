package com.logprocessor.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.logprocessor.core.access.ApiKey;
import com.logprocessor.core.access.Role;
import com.logprocessor.support.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The security chain every service shares, with security on: who gets in where, and that every
 * refusal (401, 403, the firewall's 400) is problem+json.
 */
@SpringBootTest(classes = SecurityTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "spring.application.name=security-test", "ring.membership.enabled=false",
                "security.enabled=true", "management.health.redis.enabled=false", "security.internal-token=" + SecurityTest.TOKEN,
                "security.api-keys=reader:read:" + SecurityTest.READ_HASH + ",writer:ingest:" + SecurityTest.INGEST_HASH
                        + ",operator:admin:" + SecurityTest.ADMIN_HASH})
class SecurityTest {

    static final String TOKEN = "internal-token-for-tests-0123456789abcdef";
    static final String READ_KEY = "lsk_read-key-for-tests";
    static final String INGEST_KEY = "lsk_ingest-key-for-tests";
    static final String ADMIN_KEY = "lsk_admin-key-for-tests";
    // Constant expressions for the annotation: SHA-256 of the three keys above (checked in keysAreConfiguredAsTheirHashes).
    static final String READ_HASH = "cc3d2cb1aa016ea68e43ec6fda3eb8aa989137b0da4bbc8c7d98e492e758759e";
    static final String INGEST_HASH = "7a314c92b0a9fd0ce318a2a22068be5d9c8c8dff5d53a150f5e0bdb0df5bfb70";
    static final String ADMIN_HASH = "ae69187ad962238bf9461d3bc0a9183f7621083b0debc40a56cfac7b1ee4a3ad";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void withoutACredentialOnlyOpenEndpointsAnswer() {
        assertThat(get("/api/open").status()).isEqualTo(200);
        assertThat(get("/actuator/health").status()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(get("/v3/api-docs").status()).isEqualTo(200);
        for (String path : List.of("/api/things", "/api/internal/state", "/actuator/env", "/actuator/metrics", "/nowhere")) {
            RawHttp.Answer answer = get(path);
            JsonNode problem = problem(answer, 401);
            assertThat(problem.path("type").asString()).isEqualTo("urn:logstorage:problem:unauthorized");
            assertThat(problem.path("detail").asString()).contains("X-API-Key");
            assertThat(answer.headers().get("www-authenticate")).isNotNull();
        }
        problem(send("POST", "/api/things"), 401);
    }

    @Test
    void metricsAreOpenToTheInternalNetworks() {
        // The test client is 127.0.0.1, one of the default metrics networks.
        assertThat(get("/actuator/prometheus").status()).isEqualTo(200);
    }

    @Test
    void eachKeyReachesWhatItsRoleAllows() {
        assertThat(get("/api/things", "X-API-Key: " + READ_KEY).status()).isEqualTo(200);
        assertThat(get("/api/things", "X-API-Key: " + ADMIN_KEY).status()).isEqualTo(200);
        assertThat(send("POST", "/api/things", "X-API-Key: " + INGEST_KEY).status()).isEqualTo(200);
        assertThat(send("POST", "/api/admin/forget", "X-API-Key: " + ADMIN_KEY).status()).isEqualTo(200);

        JsonNode forbidden = problem(get("/api/things", "X-API-Key: " + INGEST_KEY), 403);
        assertThat(forbidden.path("type").asString()).isEqualTo("urn:logstorage:problem:forbidden");
        assertThat(forbidden.path("detail").asString()).contains("writer (ingest)").contains("GET /api/things");
        problem(send("POST", "/api/things", "X-API-Key: " + READ_KEY), 403);
        problem(send("POST", "/api/admin/forget", "X-API-Key: " + INGEST_KEY), 403);
        // No key reaches an internal endpoint, not even an admin's.
        problem(get("/api/internal/state", "X-API-Key: " + ADMIN_KEY), 403);
    }

    @Test
    void theInternalTokenReachesEverything() {
        for (String path : List.of("/api/things", "/api/internal/state", "/actuator/prometheus")) {
            assertThat(get(path, "X-Internal-Token: " + TOKEN).status()).as(path).isEqualTo(200);
        }
        assertThat(send("POST", "/api/admin/forget", "X-Internal-Token: " + TOKEN).status()).isEqualTo(200);
    }

    @Test
    void aCallWithTheInternalTokenSkipsTheFilterChain() {
        // The chain writes its browser headers on every answer it handles: an API key's answer
        // has them, an internal call's does not (it never went through the chain).
        assertThat(get("/api/things", "X-API-Key: " + READ_KEY).headers().get("x-content-type-options"))
                .isEqualTo("nosniff");
        RawHttp.Answer internal = get("/api/things", "X-Internal-Token: " + TOKEN);
        assertThat(internal.status()).isEqualTo(200);
        assertThat(internal.headers().get("x-content-type-options")).isNull();
        // A token that is not this cluster's goes through the chain, to its 401.
        assertThat(problem(get("/api/things", "X-Internal-Token: " + TOKEN.substring(1)), 401)).isNotNull();
    }

    @Test
    void aWrongCredentialIs401EvenWhereNoneIsNeeded() {
        assertThat(problem(get("/api/things", "X-API-Key: lsk_not-a-key"), 401).path("detail").asString())
                .contains("not valid");
        assertThat(problem(get("/api/internal/state", "X-Internal-Token: " + TOKEN + "x"), 401).path("detail").asString())
                .contains("internal token");
        problem(get("/api/open", "X-API-Key: lsk_not-a-key"), 401);
        problem(get("/api/things", "Authorization: Digest username=x"), 401);
    }

    @Test
    void bearerAndBasicCarryTheKeyToo() {
        assertThat(get("/api/things", "Authorization: Bearer " + READ_KEY).status()).isEqualTo(200);
        String basic = Base64.getEncoder().encodeToString(("anyone:" + READ_KEY).getBytes(StandardCharsets.UTF_8));
        assertThat(get("/api/things", "Authorization: Basic " + basic).status()).isEqualTo(200);
        problem(get("/api/things", "Authorization: Basic %%%"), 401);
    }

    @Test
    void aBrowserFormNeedsItsCsrfToken() {
        String basic = "Authorization: Basic " + Base64.getEncoder().encodeToString(
                ("ops:" + ADMIN_KEY).getBytes(StandardCharsets.UTF_8));
        JsonNode refused = problem(send("POST", "/page/forget", basic, "Content-Type: application/x-www-form-urlencoded"), 403);
        assertThat(refused.path("detail").asString()).contains("CSRF");

        RawHttp.Answer page = get("/page", basic);
        assertThat(page.status()).isEqualTo(200);
        String cookie = page.headers().get("set-cookie").split(";")[0];
        String field = page.body();
        RawHttp.Answer posted = RawHttp.send(port, "POST", "/page/forget", new String[]{basic, "Cookie: " + cookie,
                "Content-Type: application/x-www-form-urlencoded", "Content-Length: " + field.length()}, field);
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        // Services calling each other never see CSRF: it applies to the form only.
        assertThat(send("POST", "/api/admin/forget", basic).status()).isEqualTo(200);
    }

    @Test
    void theFirewallsRefusalsAreProblemsToo() {
        problem(get("/api/things;jsessionid=1", "X-API-Key: " + READ_KEY), 400);
        problem(get("/api/th%2e%2e/things", "X-API-Key: " + READ_KEY), 400);
    }

    @Test
    void keysAreConfiguredAsTheirHashes() {
        assertThat(ApiKey.hash(READ_KEY)).isEqualTo(READ_HASH);
        assertThat(ApiKey.hash(INGEST_KEY)).isEqualTo(INGEST_HASH);
        assertThat(ApiKey.hash(ADMIN_KEY)).isEqualTo(ADMIN_HASH);
        assertThat(ApiKey.of("ci", Role.INGEST, INGEST_KEY).configured()).isEqualTo("ci:ingest:" + INGEST_HASH);
    }

    @Test
    void settingsRefuseToRunOpenByAccident() {
        assertThatThrownBy(() -> new SecurityProperties(true, null, List.of(), List.of()))
                .hasMessageContaining("security.internal-token is not set");
        assertThatThrownBy(() -> new SecurityProperties(true, "short", List.of(), List.of()))
                .hasMessageContaining("at least 32");
        assertThatThrownBy(() -> new SecurityProperties(true, TOKEN, List.of("a:read:" + READ_HASH, "a:admin:" + ADMIN_HASH), List.of()))
                .hasMessageContaining("configured twice");
        assertThatThrownBy(() -> new SecurityProperties(true, TOKEN, List.of("a:superuser:" + READ_HASH), List.of()))
                .hasMessageContaining("ingest, read or admin");
        assertThatThrownBy(() -> new SecurityProperties(true, TOKEN, List.of("a:read:" + READ_KEY), List.of()))
                .hasMessageContaining("SHA-256");
        assertThat(new SecurityProperties(false, null, List.of(), List.of()).enabled()).isFalse();
        assertThat(new SecurityProperties(true, TOKEN, List.of(), List.of()).toString()).doesNotContain(TOKEN);
    }

    private RawHttp.Answer get(String path, String... headers) {
        return RawHttp.send(port, "GET", path, headers);
    }

    private RawHttp.Answer send(String method, String path, String... headers) {
        String[] withLength = java.util.Arrays.copyOf(headers, headers.length + 1);
        withLength[headers.length] = "Content-Length: 0";
        return RawHttp.send(port, method, path, withLength);
    }

    private static JsonNode problem(RawHttp.Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        return body;
    }
}
