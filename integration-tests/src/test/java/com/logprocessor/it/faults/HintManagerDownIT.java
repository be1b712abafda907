package com.logprocessor.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.it.support.Ingest;
import com.logprocessor.it.support.Ingest.Acked;
import com.logprocessor.it.support.Replicas;
import com.logprocessor.it.support.TestCluster;
import com.logprocessor.localcluster.LocalCluster;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The hint manager killed, then a storage node killed while it is down: writes go on at QUORUM,
 * the missed copies wait in logs.hints, and once both are back every replica is complete.
 */
@Order(100)
class HintManagerDownIT {

    @Test
    void writesGoOnWithoutTheHintManagerAndNothingIsLost() throws Exception {
        LocalCluster cluster = TestCluster.get();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> keys = IntStream.range(0, 100).mapToObj(i -> "no-hints-" + run + "-" + i).toList();
        List<Acked> acked;
        try (Ingest.Load load = new Ingest.Load(keys, 200, 1500, "QUORUM")) {
            load.awaitAcked(2000, Duration.ofSeconds(60));
            cluster.kill(TestCluster.HINT_MANAGER);
            load.awaitAcked(load.acked().size() + 1500, Duration.ofSeconds(60));
            cluster.kill("storage-node-3");
            load.awaitAcked(load.acked().size() + 9000, Duration.ofSeconds(90));
            cluster.start("storage-node-3");
            cluster.awaitReady("storage-node-3");
            load.awaitAcked(load.acked().size() + 1500, Duration.ofSeconds(60));
            load.close();
            assertThat(load.failures()).as("the gateway accepts logs without the hint manager").isEmpty();
            acked = load.acked();
        }
        cluster.start(TestCluster.HINT_MANAGER);
        cluster.awaitReady(TestCluster.HINT_MANAGER);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(Replicas.check(acked, 3))
                        .as("every acknowledged log on every replica").matches(Replicas.Report::complete, "complete"));
    }
}
