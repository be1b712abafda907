package com.logprocessor.it.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.core.ring.Ring;
import com.logprocessor.it.support.AntiEntropy;
import com.logprocessor.it.support.Http;
import com.logprocessor.it.support.Ingest;
import com.logprocessor.it.support.Membership;
import com.logprocessor.it.support.Metrics;
import com.logprocessor.it.support.TestCluster;
import com.logprocessor.localcluster.LocalCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A fourth storage node joins: it owns a quarter of the ring and takes about a quarter of new traffic. */
@Order(60)
class FourthNodeIT {

    private static final String FOURTH = "storage-node-4";

    @AfterEach
    void leaveTheRingAsItWas() {
        LocalCluster cluster = TestCluster.get();
        if (cluster.isRunning(FOURTH)) {
            cluster.stop(FOURTH); // graceful: it leaves the ring at once
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !Membership.snapshot().isUp(FOURTH));
        Http.delete(TestCluster.coordinatorUrl() + "/api/coordinator/nodes/" + FOURTH);
        await().atMost(Duration.ofSeconds(5)).until(() -> Membership.snapshot().member(FOURTH).isEmpty());
        // Its ranges moved back: the repairs that refill them finish before the next test damages replicas.
        AntiEntropy.awaitIdle(Duration.ofSeconds(180));
    }

    @Test
    void aFourthNodeTakesAboutAQuarterOfNewTraffic() {
        LocalCluster cluster = TestCluster.get();
        cluster.start(FOURTH);
        cluster.awaitReady(FOURTH);
        await().atMost(Duration.ofSeconds(5)).until(() -> Membership.snapshot().isUp(FOURTH));
        Ring ring = Membership.snapshot().ring();
        assertThat(ring.nodeCount()).isEqualTo(4);
        assertThat(ring.primaryOwnership().get(FOURTH)).isBetween(0.2475, 0.2525);
        // The coordinator routes with its own view of the ring: wait until it has the newcomer.
        await().atMost(Duration.ofSeconds(5)).until(() -> Http.get(TestCluster.coordinatorUrl() + "/api/coordinator/nodes")
                .body().contains("\"nodeId\":\"" + FOURTH + "\",\"url\":\"" + cluster.url(FOURTH) + "\",\"state\":\"UP\""));

        double writtenBefore = Metrics.written();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 8000; i++) {
            keys.add("fourth-" + run + "-" + i);
        }
        for (int i = 0; i < keys.size(); i += 500) {
            Ingest.send(keys.subList(i, i + 500), null);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> Metrics.written() - writtenBefore >= keys.size());

        double primaryShare = keys.stream().filter(k -> FOURTH.equals(ring.ownerOf(k))).count() / (double) keys.size();
        assertThat(primaryShare).as("share of new keys the fourth node owns").isBetween(0.22, 0.28);
        // It stores each key it is one of RF = 3 replicas of: about 3/4 of all new logs.
        double storedShare = storedUnder(cluster.url(FOURTH), "fourth-" + run + "-") / (double) keys.size();
        assertThat(storedShare).as("share of new logs stored on the fourth node").isBetween(0.70, 0.80);
    }

    /**
     * Entries the node holds under partition keys with this prefix (not its total count: the
     * anti-entropy coordinator streams it the older data of its ranges at the same time).
     */
    private static long storedUnder(String nodeUrl, String prefix) {
        long stored = 0;
        for (JsonNode p : Http.getJson(nodeUrl + "/api/storage/partitions?limit=10000&after=" + prefix).get("partitions")) {
            if (p.get("partitionKey").asString().startsWith(prefix)) {
                stored += p.get("count").asLong();
            }
        }
        return stored;
    }
}
