package com.logprocessor.readrepair.intake;

import static com.logprocessor.readrepair.testing.Entries.entry;
import static com.logprocessor.readrepair.testing.Entries.request;
import static com.logprocessor.readrepair.testing.Entries.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.readrepair.testing.RepairTestSupport;
import com.logprocessor.support.testing.FakeStorageNodes.Node;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Duplicate requests for one entry cost one repair; records that are not requests are skipped. */
class CollapsingAndIntakeTest extends RepairTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void duplicateRequestsForOneEntryResultInOneRepair() {
        List<Node> nodes = cluster();
        Node stale = nodes.get(2);
        String key = unique("hot");
        LogEntry e = entry(UUID.randomUUID(), key, 1, 3, "coordinator-1");
        nodes.get(0).fake().hold(e);
        nodes.get(1).fake().hold(e);
        double collapsed = counter("read.repairs.collapsed");
        double completed = total("read.repairs.completed");
        int duplicates = 10;

        // As from many reads of a hot entry: in one batch or several, it makes no difference.
        for (int i = 0; i < duplicates; i++) {
            publish(request(key, 1, e.version(), stale.id()));
        }

        // Every request is accounted for once: one repair, the rest collapsed.
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(total("read.repairs.completed")).isEqualTo(completed + 1);
            assertThat(counter("read.repairs.collapsed")).isEqualTo(collapsed + duplicates - 1);
        });
        assertThat(stale.fake().copy(key, 1)).contains(e);
        assertThat(stale.fake().writes(key, 1)).isEqualTo(1);
        nodes.forEach(n -> assertThat(n.fake().reads(key, 1)).as("reads of %s", n.id()).isEqualTo(1));

        // Later ones within the dedup window are collapsed too, with no read at all.
        publish(request(key, 1, e.version(), stale.id()));
        await().atMost(WAIT).until(() -> counter("read.repairs.collapsed") == collapsed + duplicates);
        nodes.forEach(n -> assertThat(n.fake().reads(key, 1)).isEqualTo(1));
    }

    @Test
    void unreadableRecordsAreCountedAndSkippedWithoutHoldingUpTheOthers() {
        List<Node> nodes = cluster();
        String key = unique("unreadable");
        LogEntry e = entry(UUID.randomUUID(), key, 1, 1, "coordinator-1");
        nodes.get(0).fake().hold(e);
        double unreadable = counter("read.repairs.failed", "reason", "unreadable");

        // Same key, so the same partition, ahead of the good request.
        publish(new ProducerRecord<>(topics.readRepairs(), key, "not json".getBytes(StandardCharsets.UTF_8)));
        publish(new ProducerRecord<>(topics.readRepairs(), key, "{\"sequence\":1}".getBytes(StandardCharsets.UTF_8)));
        publish(new ProducerRecord<>(topics.readRepairs(), key, null));
        publish(request(key, 1, e.version(), nodes.get(1).id()));

        await().atMost(WAIT).untilAsserted(() -> {
            nodes.forEach(n -> assertThat(n.fake().copy(key, 1)).contains(e));
            assertThat(counter("read.repairs.failed", "reason", "unreadable")).isEqualTo(unreadable + 3);
        });
    }
}
