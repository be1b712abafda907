package com.logprocessor.it.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.it.support.Ingest;
import com.logprocessor.it.support.Ingest.Acked;
import com.logprocessor.it.support.TestCluster;
import com.logprocessor.localcluster.LocalCluster;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The coordinator killed with -9 mid-load and restarted: Kafka redelivers what it had not
 * checkpointed, and every log ends up stored exactly once, at the same sequence on every replica.
 */
@Order(80)
class CoordinatorRestartIT {

    @Test
    void noLogIsLostOrDuplicatedWhenTheCoordinatorCrashes() throws Exception {
        LocalCluster cluster = TestCluster.get();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> keys = IntStream.range(0, 40).mapToObj(i -> "restart-" + run + "-" + i).toList();
        List<Acked> acked;
        try (Ingest.Load load = new Ingest.Load(keys, 250, 2000, null)) {
            load.awaitAcked(4000, Duration.ofSeconds(60));
            cluster.kill(TestCluster.COORDINATOR);
            // The gateway keeps accepting: logs wait in Kafka while no coordinator runs.
            load.awaitAcked(load.acked().size() + 4000, Duration.ofSeconds(60));
            cluster.start(TestCluster.COORDINATOR);
            cluster.awaitReady(TestCluster.COORDINATOR);
            load.awaitAcked(load.acked().size() + 2000, Duration.ofSeconds(60));
            load.close();
            assertThat(load.failures()).isEmpty();
            acked = load.acked();
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(Ingest.unreadable(acked)).isEmpty());

        Map<String, Set<UUID>> ackedByKey = acked.stream()
                .collect(Collectors.groupingBy(Acked::key, Collectors.mapping(Acked::id, Collectors.toSet())));
        Map<UUID, Long> sequenceOf = new HashMap<>();
        for (int node = 1; node <= 3; node++) {
            String url = TestCluster.nodeUrl(node);
            for (String key : ackedByKey.keySet()) {
                List<LogEntry> stored = Ingest.onNode(url, key);
                Set<UUID> ids = new HashSet<>();
                Set<Long> sequences = new HashSet<>();
                for (LogEntry e : stored) {
                    assertThat(ids.add(e.id())).as("%s stored twice on node %d", e.id(), node).isTrue();
                    assertThat(sequences.add(e.sequence())).as("sequence %d of %s used twice", e.sequence(), key).isTrue();
                    Long previous = sequenceOf.putIfAbsent(e.id(), e.sequence());
                    assertThat(previous == null || previous == e.sequence())
                            .as("%s has the same sequence on every replica", e.id()).isTrue();
                }
                assertThat(ids).as("logs of %s on node %d", key, node).isEqualTo(ackedByKey.get(key));
                // One number per log, and no number skipped.
                assertThat(sequences).isEqualTo(LongStream.rangeClosed(1, ids.size()).boxed().collect(Collectors.toSet()));
            }
        }
    }

}
