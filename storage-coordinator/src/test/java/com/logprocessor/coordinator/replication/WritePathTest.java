package com.logprocessor.coordinator.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.coordinator.FakeClusterTest;
import com.logprocessor.coordinator.ingest.IngestLag;
import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryCodec;
import com.logprocessor.support.testing.FakeStorageNode;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The coordinator's write path with a real Kafka (embedded KRaft) and a real Redis: entries go
 * in on logs.ingest and come out numbered on their replicas, quorum is counted, missed replicas
 * get hints on logs.hints, what cannot meet its level yet holds its partition until it can, and
 * only what replicas refuse lands in logs.dlq, from where it can be replayed.
 */
class WritePathTest extends FakeClusterTest {

    @Autowired
    private IngestLag ingestLag;

    private double counter(String name, String tag, String value) {
        var c = meters.find(name).tag(tag, value).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void everyEntryReachesItsThreeReplicasNumberedPerKeyInOrder() {
        List<LogEntry> sent = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            LogEntry e = entry("key-" + (i % 6), "m" + i);
            sent.add(e);
            publish(e, null);
        }
        for (FakeStorageNode node : NODES) {
            await().atMost(Duration.ofSeconds(20)).until(() -> node.stored().size() == 60);
        }
        Map<String, List<LogEntry>> byKey = NODES.get(0).stored().stream()
                .collect(Collectors.groupingBy(LogEntry::partitionKey));
        assertThat(byKey).hasSize(6);
        byKey.forEach((key, entries) -> {
            List<String> messagesInSequenceOrder = entries.stream()
                    .sorted((a, b) -> Long.compare(a.sequence(), b.sequence())).map(LogEntry::message).toList();
            List<String> messagesInSendOrder = sent.stream().filter(e -> e.partitionKey().equals(key))
                    .map(LogEntry::message).toList();
            assertThat(messagesInSequenceOrder).as("sequence order of %s", key).isEqualTo(messagesInSendOrder);
            assertThat(entries).extracting(LogEntry::sequence).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            assertThat(entries).allSatisfy(e -> assertThat(e.version()).isNotNull());
        });
    }

    @Test
    void aRecordSentAsJsonByHandIsWrittenToo() {
        LogEntry e = entry("json-key", "sent with a console producer");
        kafka.send(new ProducerRecord<>("logs.ingest", e.partitionKey(), json.writeValueAsBytes(e))).join();
        for (FakeStorageNode node : NODES) {
            await().atMost(Duration.ofSeconds(20)).until(() -> node.stored().stream().anyMatch(x -> x.id().equals(e.id())));
        }
    }

    @Test
    void aFailingReplicaGetsAHintForEveryEntryWrittenWithoutIt() {
        FakeStorageNode failing = NODES.get(2);
        failing.failStoresWithStatus = 503;
        double hintsBefore = counter("hints.sent", "target_node", "node-3");
        Set<UUID> sent = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            LogEntry e = entry("hinted-" + i, "h" + i);
            sent.add(e.id());
            publish(e, null);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> NODES.get(0).stored().size() == 10 && NODES.get(1).stored().size() == 10);
        List<ConsumerRecord<String, byte[]>> hints = readTopic("logs.hints",
                read -> hintedIds(read, "node-3").containsAll(sent), Duration.ofSeconds(20));
        // Each hint is the entry as its replicas got it: numbered and versioned.
        hints.stream().filter(r -> r.key().equals("node-3")).map(r -> LogEntryCodec.decode(r.value()))
                .filter(e -> sent.contains(e.id()))
                .forEach(e -> assertThat(e.hasPlacement()).isTrue());
        assertThat(counter("hints.sent", "target_node", "node-3") - hintsBefore).isGreaterThanOrEqualTo(10);
        assertThat(failing.stored()).isEmpty();
    }

    @Test
    void aDownReplicaIsNotCalledButStillGetsItsHints() {
        stopHeartbeat(2);
        try {
            // node-3's server still answers, but it is DOWN: its copies become hints, not calls.
            assertThat(ringView.snapshot().replicaRing().nodes()).contains("node-3");
            Set<UUID> sent = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                LogEntry e = entry("down-replica-" + i, "d" + i);
                sent.add(e.id());
                publish(e, "QUORUM");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> NODES.get(0).stored().size() == 5 && NODES.get(1).stored().size() == 5);
            readTopic("logs.hints", read -> hintedIds(read, "node-3").containsAll(sent), Duration.ofSeconds(20));
            assertThat(NODES.get(2).stored()).isEmpty();
        } finally {
            startHeartbeat(2);
        }
    }

    @Test
    void anEntryIsDurableWhenItsQuorumAnsweredNotWhenTheSlowestReplicaDid() {
        long slow = 1_200; // under the test's replica timeout (2 s)
        NODES.get(2).answerDelayMillis = slow;
        Timer durable = meters.get("coordinator.write").timer();
        long countBefore = durable.count();
        double totalBefore = durable.totalTime(TimeUnit.MILLISECONDS);

        publish(entry("slow-replica", "two of three answer at once"), null);

        await().atMost(Duration.ofSeconds(20)).until(() -> durable.count() == countBefore + 1);
        double ingestToDurable = durable.totalTime(TimeUnit.MILLISECONDS) - totalBefore;
        Timer slowReplica = meters.get("coordinator.replica.write").tag("node", "node-3").tag("outcome", "success").timer();
        assertThat(slowReplica.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(slow);
        assertThat(ingestToDurable).as("QUORUM needs node-1 and node-2 only").isLessThan(slow);
        assertThat(NODES.get(2).stored()).hasSize(1);
    }

    @Test
    void aPartitionIsHeldWhileItsLevelCannotBeMetAndWrittenWhenReplicasReturn() {
        NODES.get(1).failStoresWithStatus = 500;
        NODES.get(2).failStoresWithStatus = 500;
        double holdsBefore = meters.get("coordinator.holds").counter().count();
        LogEntry quorum = entry("held-key", "needs two replicas");
        LogEntry one = entry("one-key", "one replica is enough");
        publish(quorum, null);
        publish(one, "ONE");

        await().atMost(Duration.ofSeconds(20)).until(() -> meters.get("coordinator.holds").counter().count() - holdsBefore >= 3);
        assertThat(meters.get("coordinator.partitions.held").gauge().value()).isGreaterThanOrEqualTo(1);
        ingestLag.refresh();
        int partition = partitionOf(quorum.partitionKey());
        assertThat(ingestLag.lag(partition)).as("acknowledged and not yet written").isGreaterThanOrEqualTo(1);

        NODES.get(1).failStoresWithStatus = 0;
        NODES.get(2).failStoresWithStatus = 0;
        // Breakers opened meanwhile: they let calls through again after their wait (5 s), then the hold ends.
        for (FakeStorageNode node : NODES) {
            await().atMost(Duration.ofSeconds(30)).until(() -> node.stored().stream()
                    .anyMatch(e -> e.id().equals(quorum.id())));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> NODES.get(0).stored().stream()
                .anyMatch(e -> e.id().equals(one.id())));
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.get("coordinator.partitions.held").gauge().value() == 0);
        ingestLag.refresh();
        assertThat(ingestLag.lag(partition)).isZero();
        assertThat(readAll("logs.dlq")).as("nothing unreachable is dead-lettered")
                .noneMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(quorum.id().toString()));
    }

    @Test
    void whatEveryReplicaRefusesIsParkedInTheDlqAndReplayedOnRequest() {
        NODES.forEach(n -> n.failStoresWithStatus = 400);
        LogEntry refused = entry("refused-key", "every replica refuses this");
        publish(refused, "ALL");
        List<ConsumerRecord<String, byte[]>> parked = readTopic("logs.dlq", read -> read.stream()
                .anyMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(refused.id().toString())),
                Duration.ofSeconds(30));
        String letter = parked.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .filter(v -> v.contains(refused.id().toString())).findFirst().orElseThrow();
        assertThat(letter).contains("refused").contains("\"consistency\":\"ALL\"");
        NODES.forEach(n -> n.failStoresWithStatus = 0);
        assertThat(NODES.get(0).stored()).noneMatch(e -> e.id().equals(refused.id()));

        RestClient http = RestClient.create("http://127.0.0.1:" + port);
        assertThat(http.get().uri("/api/coordinator/dlq").retrieve().body(JsonNode.class).get("pending").asLong())
                .isGreaterThanOrEqualTo(1);
        JsonNode report = http.post().uri("/api/coordinator/dlq/replay").retrieve().body(JsonNode.class);
        assertThat(report.get("replayed").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(report.get("remaining").asLong()).isZero();
        for (FakeStorageNode node : NODES) {
            await().atMost(Duration.ofSeconds(20)).until(() -> node.stored().stream()
                    .anyMatch(e -> e.id().equals(refused.id())));
        }
        assertThat(http.get().uri("/api/coordinator/dlq").retrieve().body(JsonNode.class).get("pending").asLong()).isZero();
        int status = http.post().uri("/api/coordinator/dlq/replay?max=0")
                .exchange((req, res) -> res.getStatusCode().value(), false);
        assertThat(status).isEqualTo(400);
    }

    private static Set<UUID> hintedIds(List<ConsumerRecord<String, byte[]>> hints, String node) {
        return hints.stream().filter(r -> node.equals(r.key())).map(r -> LogEntryCodec.decode(r.value()).id())
                .collect(Collectors.toSet());
    }

    private int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 2;
    }
}
