package com.logprocessor.it.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.core.ring.BalanceGoal;
import com.logprocessor.core.ring.Ring;
import com.logprocessor.it.support.Http;
import com.logprocessor.it.support.Ingest;
import com.logprocessor.it.support.Membership;
import com.logprocessor.it.support.Metrics;
import com.logprocessor.it.support.TestCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The seed's test: 10,000 logs with diverse source IPs spread evenly over the nodes. */
@Order(40)
class DistributionIT {

    @Test
    void tenThousandLogsAreSpreadWithinTheBalanceGoal() {
        TestCluster.get();
        Ring ring = Membership.snapshot().ring();
        assertThat(ring.nodeCount()).isEqualTo(3);
        assertThat(BalanceGoal.isMetByOwnership(ring.primaryOwnership())).isTrue();

        Map<String, Long> countsBefore = counts();
        JsonNode distributionBefore = Http.getJson(TestCluster.coordinatorUrl() + "/api/coordinator/metrics/distribution");
        double writtenBefore = Metrics.written();
        SplittableRandom random = new SplittableRandom(24);
        List<String> ips = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ips.add("172." + (16 + random.nextInt(16)) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254)));
        }
        for (int i = 0; i < ips.size(); i += 500) {
            Ingest.send(ips.subList(i, i + 500), null);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> Metrics.written() - writtenBefore >= 10_000);

        // Where the logs' keys belong: their primary owners are as even as the goal allows.
        Map<String, Long> primaries = new TreeMap<>();
        ips.forEach(ip -> primaries.merge(ring.ownerOf(ip), 1L, Long::sum));
        assertThat(BalanceGoal.isMetByCounts(primaries)).as("primary owners of 10,000 keys: %s", primaries).isTrue();

        // Where they are stored: with RF 3 on 3 nodes, each node holds every one.
        Map<String, Long> countsAfter = counts();
        countsAfter.forEach((node, count) ->
                assertThat(count - countsBefore.getOrDefault(node, 0L)).as("new entries on %s", node).isEqualTo(10_000));
        JsonNode distribution = Http.getJson(TestCluster.coordinatorUrl() + "/api/coordinator/metrics/distribution");
        assertThat(distribution.get("totalNodes").asInt()).isEqualTo(3);
        assertThat(distribution.get("virtualNodesPerNode").asInt()).isEqualTo(150);
        assertThat(distribution.get("logsPerNode").size()).isEqualTo(3);
        for (String field : List.of("totalLogs", "standardDeviation", "balanceScore", "mostLoadedNode", "leastLoadedNode")) {
            assertThat(distribution.has(field)).as(field).isTrue();
        }
        // logsPerNode is primary ownership: each node gained exactly the new logs whose key it owns,
        // while storing all 10,000 (storedCopiesPerNode).
        assertThat(distribution.get("totalLogs").asLong() - distributionBefore.get("totalLogs").asLong()).isEqualTo(10_000);
        primaries.forEach((node, owned) -> {
            assertThat(distribution.get("logsPerNode").get(node).asLong()
                    - distributionBefore.get("logsPerNode").get(node).asLong()).as("logs %s owns", node).isEqualTo(owned);
            assertThat(distribution.get("storedCopiesPerNode").get(node).asLong()
                    - distributionBefore.get("storedCopiesPerNode").get(node).asLong()).as("copies on %s", node)
                    .isEqualTo(10_000);
        });
    }

    private static Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        for (int n = 1; n <= 3; n++) {
            counts.put("storage-node-" + n, Http.getJson(TestCluster.nodeUrl(n) + "/api/storage/count").get("count").asLong());
        }
        return counts;
    }
}
