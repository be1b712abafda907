package com.logprocessor.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.it.support.Ingest;
import com.logprocessor.it.support.Ingest.Acked;
import com.logprocessor.it.support.Metrics;
import com.logprocessor.it.support.Replicas;
import com.logprocessor.it.support.TestCluster;
import com.logprocessor.localcluster.LocalCluster;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Two coordinators share the ingest partitions; one is killed with -9 under load. Its partitions
 * move to the other, which resumes from their checkpoints: no acknowledged log is lost, none is
 * stored twice, and every key's sequences run without a gap on every replica.
 */
@Order(120)
class TwoCoordinatorsIT {

    @AfterEach
    void oneCoordinatorAgain() {
        LocalCluster cluster = TestCluster.get();
        if (!cluster.isRunning(TestCluster.COORDINATOR)) {
            cluster.start(TestCluster.COORDINATOR);
            cluster.awaitReady(TestCluster.COORDINATOR);
        }
        cluster.stop(TestCluster.SECOND_COORDINATOR);
    }

    @Test
    void aKilledCoordinatorsPartitionsMoveToTheOtherWithoutLossOrDuplicates() throws Exception {
        LocalCluster cluster = TestCluster.get();
        cluster.start(TestCluster.SECOND_COORDINATOR);
        cluster.awaitReady(TestCluster.SECOND_COORDINATOR);
        String second = cluster.url(TestCluster.SECOND_COORDINATOR);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                assigned(TestCluster.coordinatorUrl()) > 0 && assigned(second) > 0);
        assertThat(assigned(TestCluster.coordinatorUrl()) + assigned(second)).as("ingest partitions").isEqualTo(12);

        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> keys = IntStream.range(0, 40).mapToObj(i -> "two-coord-" + run + "-" + i).toList();
        List<Acked> acked;
        try (Ingest.Load load = new Ingest.Load(keys, 250, 2000, null)) {
            load.awaitAcked(4000, Duration.ofSeconds(60));
            cluster.kill(TestCluster.COORDINATOR);
            load.awaitAcked(load.acked().size() + 6000, Duration.ofSeconds(60));
            // The survivor owns every partition once the group has noticed the death (session timeout).
            await().atMost(Duration.ofSeconds(60)).until(() -> assigned(second) == 12);
            load.awaitAcked(load.acked().size() + 2000, Duration.ofSeconds(60));
            load.close();
            assertThat(load.failures()).isEmpty();
            acked = load.acked();
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(Replicas.check(acked, 3))
                        .as("every acknowledged log on every replica").matches(Replicas.Report::complete, "complete"));
    }

    private static double assigned(String coordinatorUrl) {
        return Metrics.sum(coordinatorUrl, "kafka_consumer_coordinator_assigned_partitions");
    }
}
