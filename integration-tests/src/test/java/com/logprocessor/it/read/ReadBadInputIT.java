package com.logprocessor.it.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.it.support.Http;
import com.logprocessor.it.support.TestCluster;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Bad input to every read and write parameter is a 400 problem+json naming the parameter, at the
 * gateway and at the coordinator alike: never a 503 (a node's 400 taken for an outage, as
 * {@code /api/logs?sourceIp=False} once was), and a refused write stores nothing.
 */
@Order(61)
class ReadBadInputIT {

    private static void assertProblem(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode body = Http.json(response);
        assertThat(body.get("detail").asString()).isNotBlank();
        assertThat(body.get("errors").findValuesAsString("field")).contains(field);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "gateway     | /api/read/k/0                          | sequence",
            "gateway     | /api/read/k/abc                        | sequence",
            "gateway     | /api/read/k/1?consistency=TWO          | consistency",
            "gateway     | /api/read/k/1?repair=later             | repair",
            "gateway     | /api/logs?sourceIp=False               | sourceIp",
            "gateway     | /api/logs?consistency=MOST             | consistency",
            "gateway     | /api/logs?limit=0                      | limit",
            "gateway     | /api/logs?level=LOUD                   | level",
            "gateway     | /api/logs?from=yesterday               | from",
            "gateway     | /api/logs?afterSequence=3              | afterSequence",
            "coordinator | /api/coordinator/read/k/-1             | sequence",
            "coordinator | /api/coordinator/read/k/1?consistency=x | consistency",
            "coordinator | /api/coordinator/read/k/1?repair=never | repair",
            "coordinator | /api/coordinator/query?sourceIp=False  | sourceIp",
            "coordinator | /api/coordinator/query?consistency=TWO | consistency",
            "coordinator | /api/coordinator/query?limit=1001      | limit"})
    void badReadParametersAreA400NamingTheParameter(String service, String path, String field) {
        String base = service.equals("gateway") ? TestCluster.gatewayUrl() : TestCluster.coordinatorUrl();
        assertProblem(Http.get(base + path), field);
    }

    @Test
    void badWritesAreA400AndStoreNothing() {
        String key = "bad-write-" + UUID.randomUUID();
        String gateway = TestCluster.gatewayUrl();
        assertProblem(Http.post(gateway + "/api/write?consistency=SOME",
                "{\"partitionId\":\"" + key + "\",\"message\":\"m\"}"), "consistency");
        assertProblem(Http.post(gateway + "/api/write", "{\"partitionId\":\"" + key + "\"}"), "message");
        assertProblem(Http.post(gateway + "/api/write", "{\"partitionId\":\"" + key + "\",\"id\":\"x\",\"message\":\"m\"}"),
                "id");
        assertProblem(Http.post(gateway + "/api/write", "{\"partitionId\":"), "body");
        HttpResponse<String> nothing = Http.get(gateway + "/api/logs?partitionKey=" + key + "&consistency=ALL");
        assertThat(nothing.statusCode()).as(nothing.body()).isEqualTo(200);
        assertThat(Http.json(nothing).size()).isZero();
        assertThat(Http.get(gateway + "/api/read/" + key + "/1").statusCode()).isEqualTo(404);
    }
}
