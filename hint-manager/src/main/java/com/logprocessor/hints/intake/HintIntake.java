package com.logprocessor.hints.intake;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryCodec;
import com.logprocessor.core.entry.LogEntryRules;
import com.logprocessor.core.entry.Violation;
import com.logprocessor.hints.metrics.HintMetrics;
import com.logprocessor.hints.replay.HintProperties;
import com.logprocessor.hints.store.HintStore;
import com.logprocessor.hints.store.NewHint;
import com.logprocessor.support.kafka.HintRecords;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Turns a batch of hint records into rows: decodes each entry once (for the columns the table
 * keys, orders and compares on; the bytes are stored as they came), and stores the batch with one
 * statement. A record that is not a usable hint is logged, counted in {@code hints_rejected_total}
 * and skipped: it can never become one, and must not hold up the hints behind it.
 */
@Service
public class HintIntake {

    private static final Logger log = LoggerFactory.getLogger(HintIntake.class);

    private final HintStore store;
    private final HintMetrics metrics;
    private final Duration expiry;
    private final Clock clock;

    public HintIntake(HintStore store, HintMetrics metrics, HintProperties properties, Clock clock) {
        this.store = store;
        this.metrics = metrics;
        this.expiry = properties.expiry().duration();
        this.clock = clock;
    }

    /** Stores the batch's usable hints; returns once they are committed. */
    public void store(List<ConsumerRecord<String, byte[]>> records) {
        long now = clock.millis();
        // One row per (node, entry) in a statement (ON CONFLICT may touch a row only once): the
        // newest version wins, as it would have across statements. Insertion order is kept.
        Map<String, Map<UUID, NewHint>> byNode = new LinkedHashMap<>();
        Map<String, Long> expiredOnArrival = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            NewHint hint = decode(record, now);
            if (hint == null) {
                continue;
            }
            if (hint.createdAtMillis() + expiry.toMillis() <= now) {
                // Already too old to replay (e.g. this service was down for longer than the expiry).
                expiredOnArrival.merge(hint.targetNode(), 1L, Long::sum);
                continue;
            }
            byNode.computeIfAbsent(hint.targetNode(), n -> new LinkedHashMap<>())
                    .merge(hint.entryId(), hint, HintIntake::newer);
        }
        // Grouped by node, so concurrent consumers lock rows in a consistent order.
        List<NewHint> rows = new ArrayList<>();
        byNode.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> rows.addAll(e.getValue().values()));
        HintStore.Upserted result = store.upsert(rows, expiry);
        result.insertedByNode().forEach(metrics::created);
        expiredOnArrival.forEach(metrics::expired);
        if (!expiredOnArrival.isEmpty()) {
            log.info("Dropped {} hints that had expired before they were read (per node: {})",
                    expiredOnArrival.values().stream().mapToLong(Long::longValue).sum(), expiredOnArrival);
        }
    }

    private NewHint decode(ConsumerRecord<String, byte[]> record, long now) {
        String node;
        try {
            node = HintRecords.targetNode(record);
        } catch (IllegalArgumentException e) {
            return reject(record, "no-target", e.getMessage());
        }
        if (node.isBlank()) {
            return reject(record, "no-target", "the key (target node) is blank");
        }
        if (record.value() == null) {
            return reject(record, "undecodable", "no value");
        }
        LogEntry entry;
        try {
            entry = LogEntryCodec.decode(record.value());
        } catch (IllegalArgumentException e) {
            return reject(record, "undecodable", e.getMessage());
        }
        // What a storage node would refuse, refused here: one bad entry would fail a whole batch
        // on replay, every attempt, taking the good hints around it down with it.
        List<Violation> violations = LogEntryRules.validateStored(entry);
        if (!violations.isEmpty()) {
            return reject(record, "invalid", violations.toString());
        }
        return new NewHint(node, entry.id(), entry.partitionKey(), entry.sequence(), entry.version().counter(),
                entry.version().writerId(), record.value(), record.timestamp() >= 0 ? record.timestamp() : now);
    }

    private NewHint reject(ConsumerRecord<String, byte[]> record, String reason, String detail) {
        metrics.rejected(reason, 1);
        log.warn("Skipping a record on {}-{} at offset {} that is not a usable hint ({}): {}",
                record.topic(), record.partition(), record.offset(), reason, detail);
        return null;
    }

    private static NewHint newer(NewHint a, NewHint b) {
        Comparator<NewHint> order = Comparator.comparingLong(NewHint::versionCounter)
                .thenComparing(NewHint::versionWriter);
        return order.compare(b, a) > 0 ? b : a;
    }
}
