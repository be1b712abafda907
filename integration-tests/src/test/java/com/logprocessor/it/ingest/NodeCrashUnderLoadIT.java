package com.logprocessor.it.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.it.support.Hints;
import com.logprocessor.it.support.Ingest;
import com.logprocessor.it.support.Ingest.Acked;
import com.logprocessor.it.support.Membership;
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
 * A storage node killed with -9 in the middle of a QUORUM load and restarted: no acknowledged log
 * is lost, and within 60 s of its return the node holds every log it missed (hints replayed), as
 * read from each replica directly.
 */
@Order(90)
class NodeCrashUnderLoadIT {

    @Test
    void aCrashedNodeGetsEveryLogItMissedOnceItIsBack() throws Exception {
        LocalCluster cluster = TestCluster.get();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> keys = IntStream.range(0, 150).mapToObj(i -> "crash-" + run + "-" + i).toList();
        List<Acked> acked;
        try (Ingest.Load load = new Ingest.Load(keys, 200, 1500, "QUORUM")) {
            load.awaitAcked(3000, Duration.ofSeconds(60));
            cluster.kill("storage-node-2");
            int atCrash = load.acked().size();
            // Keep writing through the failure detection window and after it.
            load.awaitAcked(atCrash + 12_000, Duration.ofSeconds(90));
            assertThat(Hints.pending("storage-node-2")).as("hints waiting for the dead node").isPositive();
            cluster.start("storage-node-2");
            cluster.awaitReady("storage-node-2");
            load.awaitAcked(load.acked().size() + 3000, Duration.ofSeconds(60));
            load.close();
            assertThat(load.failures()).as("the gateway accepts logs while a storage node is down").isEmpty();
            acked = load.acked();
        }
        assertThat(acked.size()).isGreaterThan(18_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> Membership.snapshot().isUp("storage-node-2"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(Replicas.check(acked, 3))
                        .as("every acknowledged log on every replica").matches(Replicas.Report::complete, "complete"));
        await().atMost(Duration.ofSeconds(20)).until(() -> Hints.pending("storage-node-2") == 0);
    }
}
