package com.logprocessor.coordinator.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.coordinator.FakeClusterTest;
import com.logprocessor.core.entry.LogEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/**
 * The coordinator's write path with a real Kafka (embedded KRaft) and a real Redis: entries go
 * in on logs.ingest and come out numbered on their replicas, quorum is counted, missed replicas
 * get hints, and what cannot meet its level lands in logs.dlq.
 */
class WritePathTest extends FakeClusterTest {
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
            await().atMost(Duration.ofSeconds(20)).until(() -> node.stored.size() == 60);
        }
        Map<String, List<LogEntry>> byKey = NODES.get(0).stored.values().stream()
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
            await().atMost(Duration.ofSeconds(20)).until(() -> node.stored.values().stream().anyMatch(x -> x.id().equals(e.id())));
        }
    }

    @Test
    void aFailingReplicaGetsHintsWhileQuorumIsMet() {
        FakeStorageNode down = NODES.get(2);
        down.failWithStatus = 503;
        double hintsBefore = counter("hints.created", "target_node", "node-3");
        for (int i = 0; i < 10; i++) {
            publish(entry("hinted-" + i, "h" + i), null);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> NODES.get(0).stored.size() == 10 && NODES.get(1).stored.size() == 10);
        await().atMost(Duration.ofSeconds(5)).until(() -> counter("hints.created", "target_node", "node-3") - hintsBefore >= 10);
        assertThat(down.stored).isEmpty();
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
        assertThat(NODES.get(2).stored).hasSize(1);
    }

    @Test
    void whatCannotMeetItsLevelIsParkedInTheDlqAndOneStillWritesAtOne() {
        NODES.get(1).failWithStatus = 500;
        NODES.get(2).failWithStatus = 500;
        LogEntry quorum = entry("dlq-key", "needs two replicas");
        LogEntry one = entry("one-key", "one replica is enough");
        publish(quorum, null);
        publish(one, "ONE");

        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "dlq-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        try (Consumer<String, byte[]> dlq = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            dlq.subscribe(List.of("logs.dlq"));
            List<ConsumerRecord<String, byte[]>> parked = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                dlq.poll(Duration.ofMillis(200)).forEach(parked::add);
                return parked.stream().anyMatch(r -> new String(r.value(), StandardCharsets.UTF_8)
                        .contains(quorum.id().toString()));
            });
            String letter = parked.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8))
                    .filter(v -> v.contains(quorum.id().toString())).findFirst().orElseThrow();
            assertThat(letter).contains("QUORUM needs 2");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> NODES.get(0).stored.values().stream()
                .anyMatch(e -> e.id().equals(one.id())));
    }
}
