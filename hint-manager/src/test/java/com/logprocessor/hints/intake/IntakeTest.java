package com.logprocessor.hints.intake;

import static com.logprocessor.hints.testing.Hints.entry;
import static com.logprocessor.hints.testing.Hints.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryCodec;
import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.hints.testing.HandoffTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** What the intake does with records on the hints topic that are not usable hints. */
class IntakeTest extends HandoffTestSupport {

    @Test
    void recordsThatAreNotUsableHintsAreCountedAndSkippedWithoutHoldingUpTheOthers() {
        String node = node("rejects");
        double undecodable = counter("hints.rejected", "reason", "undecodable");
        double invalid = counter("hints.rejected", "reason", "invalid");
        double noTarget = counter("hints.rejected", "reason", "no-target");

        // Same key as the good hint, so the same partition, ahead of it.
        publish(new ProducerRecord<>(topics.hints(), node, "not an entry".getBytes(StandardCharsets.UTF_8)));
        LogEntry unplaced = new LogEntry(UUID.randomUUID(), "rejects-key", 0, Instant.now(), LogLevel.INFO, null,
                "svc", "never placed: no sequence, no version", Map.of(), null);
        publish(new ProducerRecord<>(topics.hints(), node, LogEntryCodec.encode(unplaced)));
        publish(new ProducerRecord<>(topics.hints(), null, LogEntryCodec.encode(entry("rejects-key", 1))));
        LogEntry good = entry("rejects-key", 2);
        publish(node, good);

        await().atMost(Duration.ofSeconds(10)).until(() -> rows(node) == 1);
        assertThat(jdbc.queryForObject("SELECT entry_id FROM hints WHERE target_node = ?", UUID.class, node))
                .isEqualTo(good.id());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(counter("hints.rejected", "reason", "undecodable")).isEqualTo(undecodable + 1);
            assertThat(counter("hints.rejected", "reason", "invalid")).isEqualTo(invalid + 1);
            assertThat(counter("hints.rejected", "reason", "no-target")).isEqualTo(noTarget + 1);
        });
    }

    @Test
    void theStoredEntryIsTheRecordsBytesAsTheyCame() {
        String node = node("bytes");
        LogEntry e = entry("bytes-key", 9);
        byte[] encoded = LogEntryCodec.encode(e);
        long created = System.currentTimeMillis() - 1234;
        publish(node, e, created);
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(node) == 1);
        Map<String, Object> row = jdbc.queryForMap("SELECT entry, partition_key, sequence, "
                + "(extract(epoch FROM created_at) * 1000)::bigint AS created_ms, "
                + "(extract(epoch FROM expires_at - created_at))::bigint AS expiry_s, attempts "
                + "FROM hints WHERE target_node = ?", node);
        assertThat((byte[]) row.get("entry")).isEqualTo(encoded);
        assertThat(row).containsEntry("partition_key", "bytes-key").containsEntry("sequence", 9L)
                .containsEntry("created_ms", created).containsEntry("expiry_s", 3 * 3600L)
                .containsEntry("attempts", 0);
    }

    @Test
    void aRecordReadTwiceIsStoredOnce() {
        String node = node("redelivered");
        LogEntry e = entry("redelivered-key", 1);
        long created = System.currentTimeMillis();
        publish(node, e, created);
        publish(node, e, created); // as after a crash between the commit and the offset commit
        LogEntry sentinel = entry("redelivered-key", 2);
        publish(node, sentinel);
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(node) == 2);
        assertThat(counter("hints.stored", "node", node)).isEqualTo(2);
    }
}
