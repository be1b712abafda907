package com.logprocessor.antientropy.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.antientropy.testing.AntiEntropyTest;
import com.logprocessor.support.testing.FakeStorageNodes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The jobs and trigger API: answers, and a problem+json for every bad request, storing nothing. */
@AntiEntropyTest
class JobsApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcTemplate jdbc;
    @RegisterExtension
    final FakeStorageNodes nodes = new FakeStorageNodes();

    private final HttpClient http = HttpClient.newHttpClient();

    record Answer(int status, String contentType, JsonNode body) {
    }

    @BeforeEach
    void emptyQueue() {
        jdbc.execute("TRUNCATE repair_jobs, anti_entropy_cycles RESTART IDENTITY");
    }

    private Answer send(String method, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), json.readTree(r.body()));
    }

    private JsonNode problem(String method, String path, int status) throws Exception {
        Answer a = send(method, path);
        assertThat(a.status()).as("%s %s: %s", method, path, a.body()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.body().get("detail").asString()).isNotBlank();
        return a.body();
    }

    private long jobs() {
        return jdbc.queryForObject("SELECT count(*) FROM repair_jobs", Long.class);
    }

    @Test
    void triggersQueueJobsTheJobsApiShows() throws Exception {
        FakeStorageNodes.Node node = nodes.up("storage-node-ae-1");
        Answer partition = send("POST", "/api/coordinator/trigger?partitionKey=10.0.0.1");
        assertThat(partition.status()).isEqualTo(202);
        JsonNode job = partition.body().get("jobs").get(0);
        assertThat(job.get("kind").asString()).isEqualTo("PARTITION");
        assertThat(job.get("subject").asString()).isEqualTo("10.0.0.1");
        assertThat(job.get("status").asString()).isEqualTo("PENDING");

        assertThat(job.get("reason").asString()).isEqualTo("trigger");
        assertThat(job.get("priority").asInt()).isEqualTo(20);

        // The hint-manager says the node's hints expired: a NODE job ahead of the operator's requests.
        Answer byNode = send("POST", "/api/coordinator/trigger?node=" + node.id() + "&reason=hints-expired");
        JsonNode nodeJob = byNode.body().get("jobs").get(0);
        assertThat(nodeJob.get("kind").asString()).isEqualTo("NODE");
        assertThat(nodeJob.get("reason").asString()).isEqualTo("hints-expired");
        assertThat(nodeJob.get("priority").asInt()).isEqualTo(10);

        Answer cycle = send("POST", "/api/coordinator/trigger");
        assertThat(cycle.status()).isEqualTo(202);
        assertThat(cycle.body().get("cycleId").asLong()).isPositive();
        assertThat(cycle.body().get("jobs")).anySatisfy(j -> {
            assertThat(j.get("kind").asString()).isEqualTo("PRIMARY_RANGES");
            assertThat(j.get("subject").asString()).isEqualTo(node.id());
        });

        Answer list = send("GET", "/api/coordinator/jobs?status=pending&limit=2");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().get("jobs")).hasSize(2);
        assertThat(list.body().get("counts").get("PENDING").asLong()).isEqualTo(jobs());

        long id = job.get("id").asLong();
        Answer one = send("GET", "/api/coordinator/jobs/" + id);
        assertThat(one.body().get("subject").asString()).isEqualTo("10.0.0.1");
        assertThat(one.body().get("counts").get("entriesRepaired").asLong()).isZero();
    }

    @Test
    void badRequestsAreProblemsAndQueueNothing() throws Exception {
        assertThat(problem("GET", "/api/coordinator/jobs?status=DONE", 400).get("errors").get(0).get("field")
                .asString()).isEqualTo("status");
        problem("GET", "/api/coordinator/jobs?limit=0", 400);
        problem("GET", "/api/coordinator/jobs?limit=1001", 400);
        problem("GET", "/api/coordinator/jobs?limit=ten", 400);
        problem("GET", "/api/coordinator/jobs/abc", 400);
        problem("GET", "/api/coordinator/jobs/987654", 404);
        problem("POST", "/api/coordinator/trigger?partitionKey=a&node=b", 400);
        problem("POST", "/api/coordinator/trigger?partitionKey=%20", 400);
        problem("POST", "/api/coordinator/trigger?partitionKey=" + "k".repeat(257), 400);
        problem("POST", "/api/coordinator/trigger?partitionKey=a%00b", 400);
        problem("POST", "/api/coordinator/trigger?node=", 400);
        problem("POST", "/api/coordinator/trigger?node=storage-node-99", 404);
        problem("GET", "/api/coordinator/trigger", 405);
        assertThat(problem("POST", "/api/coordinator/trigger?partitionKey=a&reason=because", 400).get("errors").get(0)
                .get("field").asString()).isEqualTo("reason");
        assertThat(jobs()).isZero();
    }
}
