package com.logprocessor.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.it.support.Http;
import com.logprocessor.it.support.Membership;
import com.logprocessor.it.support.TestCluster;
import com.logprocessor.localcluster.LocalCluster;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** With one of three replicas down, ALL cannot be met (503) while ONE and QUORUM answer from the live ones. */
@Order(95)
class ReadsWithANodeDownIT {

    @Test
    void allIsUnavailableAndOneAnswersFromALiveReplica() {
        LocalCluster cluster = TestCluster.get();
        String key = "down-read-" + UUID.randomUUID();
        String gateway = TestCluster.gatewayUrl();
        HttpResponse<String> written = Http.post(gateway + "/api/write?consistency=ALL",
                "{\"partitionId\":\"" + key + "\",\"message\":\"read me\"}");
        assertThat(written.statusCode()).as(written.body()).isEqualTo(201);
        long sequence = Http.json(written).get("sequence").asLong();
        String down = "storage-node-2";
        cluster.kill(down);
        try {
            await().atMost(TestCluster.HEARTBEAT_TTL.multipliedBy(3))
                    .until(() -> !Membership.snapshot().isUp(down));

            HttpResponse<String> all = Http.get(gateway + "/api/read/" + key + "/" + sequence + "?consistency=ALL");
            assertThat(all.statusCode()).as(all.body()).isEqualTo(503);
            assertThat(all.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(Http.json(all).get("detail").asString()).contains("ALL");

            for (String level : new String[] {"ONE", "QUORUM"}) {
                JsonNode answer = Http.getJson(gateway + "/api/read/" + key + "/" + sequence + "?consistency=" + level);
                assertThat(answer.get("entry").get("message").asString()).isEqualTo("read me");
                answer.get("answered").forEach(n -> assertThat(n.asString()).isNotEqualTo(down));
            }
            HttpResponse<String> query = Http.get(gateway + "/api/logs?partitionKey=" + key + "&consistency=ALL");
            assertThat(query.statusCode()).as(query.body()).isEqualTo(503);
            JsonNode one = Http.getJson(gateway + "/api/logs?partitionKey=" + key + "&consistency=ONE");
            assertThat(one.size()).isEqualTo(1);
        } finally {
            cluster.start(down);
            cluster.awaitReady(down);
            await().atMost(Duration.ofSeconds(30)).until(() -> Membership.snapshot().isUp(down));
        }
    }
}
