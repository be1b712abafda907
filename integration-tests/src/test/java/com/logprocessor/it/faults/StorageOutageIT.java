package com.logprocessor.it.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.it.support.Ingest;
import com.logprocessor.it.support.Ingest.Acked;
import com.logprocessor.it.support.Metrics;
import com.logprocessor.it.support.Replicas;
import com.logprocessor.it.support.TestCluster;
import com.logprocessor.it.support.Topics;
import com.logprocessor.localcluster.LocalCluster;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL (every storage node's database) killed with -9 under load for 20 s, and the
 * coordinator killed with -9 while it holds the partitions it cannot write: the gateway keeps
 * accepting, nothing goes to logs.dlq, and within 60 s of PostgreSQL's return every replica holds
 * every acknowledged log exactly once, numbered without gaps.
 */
@Order(110)
class StorageOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(20);

    @Test
    void aDatabaseOutageLosesNoAcknowledgedLog() throws Exception {
        LocalCluster cluster = TestCluster.get();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> keys = IntStream.range(0, 100).mapToObj(i -> "pg-down-" + run + "-" + i).toList();
        List<Acked> acked;
        try (Ingest.Load load = new Ingest.Load(keys, 200, 1500, "QUORUM")) {
            load.awaitAcked(3000, Duration.ofSeconds(60));
            long down = System.nanoTime();
            cluster.kill("postgres");
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    Metrics.sum(TestCluster.coordinatorUrl(), "coordinator_partitions_held") > 0);
            // A coordinator that dies while holding partitions: its successor starts from the checkpoints.
            cluster.kill(TestCluster.COORDINATOR);
            cluster.start(TestCluster.COORDINATOR);
            cluster.awaitReady(TestCluster.COORDINATOR);
            int duringOutage = load.acked().size();
            load.awaitAcked(duringOutage + 1000, Duration.ofSeconds(30));
            // The outage lasts OUTAGE; at its end the restarted coordinator holds partitions too.
            Duration left = OUTAGE.minusNanos(System.nanoTime() - down);
            await().pollDelay(left.isNegative() ? Duration.ZERO : left).atMost(Duration.ofSeconds(60)).until(() ->
                    Metrics.sum(TestCluster.coordinatorUrl(), "coordinator_partitions_held") > 0);
            cluster.start("postgres");
            cluster.awaitReady("postgres");
            long recovered = System.nanoTime();
            load.awaitAcked(load.acked().size() + 3000, Duration.ofSeconds(60));
            load.close();
            assertThat(load.failures()).as("the gateway accepts logs while storage is down").isEmpty();
            acked = load.acked();
            await().atMost(Duration.ofSeconds(60).minusNanos(System.nanoTime() - recovered))
                    .pollInterval(Duration.ofSeconds(3))
                    .untilAsserted(() -> assertThat(Replicas.check(acked, 3))
                            .as("every acknowledged log on every replica").matches(Replicas.Report::complete, "complete"));
        }
        List<String> dlq = Topics.values("logs.dlq");
        assertThat(dlq).as("dead letters of this test").noneMatch(letter -> letter.contains("pg-down-" + run));
    }
}
