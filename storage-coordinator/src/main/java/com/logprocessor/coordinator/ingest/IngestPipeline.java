package com.logprocessor.coordinator.ingest;

import com.logprocessor.coordinator.CoordinatorProperties;
import com.logprocessor.coordinator.dlq.DeadLetters;
import com.logprocessor.coordinator.dlq.DeadLetters.DeadLetter;
import com.logprocessor.coordinator.hints.HintPublisher;
import com.logprocessor.coordinator.replication.Placement;
import com.logprocessor.coordinator.replication.ReplicationService;
import com.logprocessor.coordinator.replication.WriteReport;
import com.logprocessor.core.consistency.ConsistencyLevel;
import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryCodec;
import com.logprocessor.core.entry.LogEntryRules;
import com.logprocessor.core.version.LamportClock;
import com.logprocessor.support.kafka.IngestHeaders;
import com.logprocessor.support.kafka.WriteReplies;
import com.logprocessor.support.kafka.WriteReplies.Status;
import com.logprocessor.support.kafka.WriteReplies.WriteReply;
import com.logprocessor.support.storage.StorageApi;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The write path for one batch of {@code logs.ingest} records:
 * <ol>
 *   <li>read each record (an unreadable one goes to the DLQ);</li>
 *   <li>number it: the next sequence of its key ({@link SequenceRegistry}), and stamp a new
 *       Lamport version;</li>
 *   <li>write every entry to its replicas in one round ({@link ReplicationService});</li>
 *   <li>per Kafka partition: if every entry met its level (or was refused by its replicas for good
 *       and parked in the DLQ), hand the missed copies to the hint manager and checkpoint the
 *       sequences and the offset; if some entry could not meet its level because replicas are
 *       unreachable, the partition is <em>held</em>: nothing of it is checkpointed, and the caller
 *       pauses it and reads it again from its first record after a backoff.</li>
 * </ol>
 * Numbering is a pure function of the checkpoint and the records after it, so a held partition,
 * or one replayed after a crash, is numbered exactly as before and storage nodes apply its writes
 * idempotently: nothing acknowledged is dropped, and nothing is stored twice.
 */
public class IngestPipeline {

    private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);

    private final JsonMapper json;
    private final SequenceRegistry sequences;
    private final ReplicationService replication;
    private final HintPublisher hints;
    private final DeadLetters deadLetters;
    private final CoordinatorProperties properties;
    private final LamportClock lamport;
    private final Clock clock;
    private final Timer ingestToDurable;
    private final Timer queued;
    private final Map<String, Timer> phases = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final RecentIds recentIds;
    private final RetriedSequences retried;
    private final WriteReplier replier;

    public IngestPipeline(JsonMapper json, SequenceRegistry sequences, ReplicationService replication,
                          HintPublisher hints, DeadLetters deadLetters, CoordinatorProperties properties, Clock clock,
                          MeterRegistry meters, RecentIds recentIds, RetriedSequences retried,
                          WriteReplier replier) {
        this.json = json;
        this.recentIds = recentIds;
        this.retried = retried;
        this.replier = replier;
        this.sequences = sequences;
        this.replication = replication;
        this.hints = hints;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        // Start at wall-clock milliseconds so versions keep growing across restarts of this writer.
        this.lamport = new LamportClock(properties.id(), clock.millis());
        this.ingestToDurable = Timer.builder("coordinator.write")
                .description("From the gateway's acknowledgement (Kafka record time) to the consistency level met")
                .publishPercentiles(0.5, 0.99, 0.999)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(meters);
        this.queued = Timer.builder("coordinator.batch.queued")
                .description("Age of a batch's oldest record when the coordinator starts on it: time spent in Kafka"
                        + " waiting for a consumer")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    /**
     * What became of a batch, per Kafka partition: {@code written} maps each checkpointed partition
     * to the offset it resumes at; {@code held} maps each held partition to the offset it must be
     * read again from (its first record in the batch), and why.
     */
    public record BatchOutcome(Map<Integer, Long> written, Map<Integer, Held> held) {
    }

    /** A held partition: where to read it again from, how many of its entries missed their level, and why. */
    public record Held(long fromOffset, int entries, String reason) {
    }

    /** Writes a batch (records of any partitions, each partition's in offset order) and checkpoints what it can. */
    public BatchOutcome process(List<ConsumerRecord<String, byte[]>> records, int generation) {
        long started = clock.millis();
        long oldest = started;
        Map<Integer, List<ConsumerRecord<String, byte[]>>> byPartition = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r);
            oldest = Math.min(oldest, r.timestamp());
        }
        queued.record(Math.max(0, started - oldest), TimeUnit.MILLISECONDS);
        Timer.Sample phase = Timer.start(meters);
        List<Placement> placements = new ArrayList<>(records.size());
        Map<Integer, List<DeadLetter>> unreadable = new LinkedHashMap<>();
        Map<Integer, SequenceRegistry.Assignment> assignments = new LinkedHashMap<>();
        Map<LogEntry, Integer> partitionOf = new IdentityHashMap<>();
        Map<LogEntry, ConsumerRecord<String, byte[]>> sourceOf = new IdentityHashMap<>();
        List<Retry> retries = new ArrayList<>();
        for (Map.Entry<Integer, List<ConsumerRecord<String, byte[]>>> part : byPartition.entrySet()) {
            List<ConsumerRecord<String, byte[]>> readable = new ArrayList<>();
            List<LogEntry> entries = new ArrayList<>();
            Map<UUID, Integer> firstInBatch = new HashMap<>();
            List<Retry> batchRetries = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : part.getValue()) {
                LogEntry entry = read(r, unreadable.computeIfAbsent(r.partition(), p -> new ArrayList<>()));
                if (entry == null) {
                    continue;
                }
                // A retry of an id already numbered gets no sequence of its own: it is answered
                // with the one the id has (in this batch, or checkpointed before).
                Integer earlier = firstInBatch.get(entry.id());
                RecentIds.Stored stored = earlier == null ? recentIds.get(entry.id()) : null;
                if (earlier != null || stored != null) {
                    batchRetries.add(new Retry(part.getKey(), r, entry, earlier == null ? -1 : earlier, stored));
                    continue;
                }
                firstInBatch.put(entry.id(), entries.size());
                readable.add(r);
                entries.add(entry);
            }
            SequenceRegistry.Assignment assignment =
                    sequences.assign(part.getKey(), entries.stream().map(LogEntry::partitionKey).toList());
            assignments.put(part.getKey(), assignment);
            List<LogEntry> placedInPartition = new ArrayList<>(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                LogEntry placed = entries.get(i).placed(assignment.sequences()[i], lamport.tick());
                placedInPartition.add(placed);
                partitionOf.put(placed, part.getKey());
                sourceOf.put(placed, readable.get(i));
                placements.add(new Placement(placed, consistencyOf(readable.get(i)), readable.get(i).timestamp()));
            }
            for (Retry retry : batchRetries) {
                retries.add(retry.inBatch() ? retry.resolved(placedInPartition.get(retry.firstInBatch())) : retry);
            }
        }
        phase = next(phase, "sequence");

        WriteReport report = placements.isEmpty() ? new WriteReport(List.of(), List.of(), List.of())
                : replication.write(placements);
        phase = next(phase, "replicate");

        Map<Integer, Held> held = new TreeMap<>();
        for (WriteReport.Unavailable u : report.unavailable()) {
            int partition = partitionOf.get(u.placement().entry());
            held.merge(partition, new Held(byPartition.get(partition).get(0).offset(), 1, u.reason()),
                    (a, b) -> new Held(a.fromOffset(), a.entries() + 1, a.reason()));
            count(u.placement().consistency(), "held");
        }
        List<WriteReport.Written> written = new ArrayList<>(report.written().size());
        for (WriteReport.Written w : report.written()) {
            if (!held.containsKey(partitionOf.get(w.placement().entry()))) {
                written.add(w);
            }
        }
        List<DeadLetter> parked = new ArrayList<>();
        unreadable.forEach((partition, letters) -> {
            if (!held.containsKey(partition)) {
                parked.addAll(letters);
            }
        });
        for (WriteReport.Refused f : report.refused()) {
            LogEntry entry = f.placement().entry();
            if (!held.containsKey(partitionOf.get(entry))) {
                ConsumerRecord<String, byte[]> r = sourceOf.get(entry);
                parked.add(new DeadLetter(entry, null, f.reason(), f.placement().consistency(), r.partition(),
                        r.offset(), clock.instant()));
                count(f.placement().consistency(), "dlq");
            }
        }
        // Both before the checkpoint: a crash in between replays the batch, its hints and letters.
        deadLetters.park(parked);
        hints.publish(written);
        recordRetried(written);
        phase = next(phase, "hints");

        List<SequenceRegistry.Checkpoint> checkpoints = new ArrayList<>(byPartition.size());
        Map<Integer, Long> resumeAt = new TreeMap<>();
        byPartition.forEach((partition, rs) -> {
            if (!held.containsKey(partition)) {
                long next = rs.get(rs.size() - 1).offset() + 1;
                checkpoints.add(new SequenceRegistry.Checkpoint(partition, assignments.get(partition).counters(), next));
                resumeAt.put(partition, next);
            }
        });
        sequences.checkpoint(checkpoints, generation);
        next(phase, "checkpoint");
        remember(written, held);
        reply(written, retries, report.refused(), held, sourceOf, partitionOf);
        for (WriteReport.Written w : written) {
            ingestToDurable.record(Math.max(0, w.durableAtMillis() - w.placement().acceptedAtMillis()),
                    TimeUnit.MILLISECONDS);
            count(w.placement().consistency(), "written");
        }
        if (!held.isEmpty() && log.isDebugEnabled()) { // PartitionHolds logs the holds themselves
            Held first = held.values().iterator().next();
            log.debug("Holding partitions {} of {}: {} entries cannot meet their consistency level yet ({})",
                    held.keySet(), records.get(0).topic(), held.values().stream().mapToInt(Held::entries).sum(),
                    first.reason());
        }
        return new BatchOutcome(resumeAt, held);
    }

    /**
     * A record whose id was numbered before: in this batch ({@code firstInBatch} is the index of
     * its first record among the partition's numbered entries) or checkpointed ({@code stored}).
     */
    private record Retry(int partition, ConsumerRecord<String, byte[]> record, LogEntry entry, int firstInBatch,
                         RecentIds.Stored stored) {

        boolean inBatch() {
            return stored == null;
        }

        Retry resolved(LogEntry first) {
            return new Retry(partition, record, entry, firstInBatch,
                    new RecentIds.Stored(first.partitionKey(), first.sequence(), first.version()));
        }
    }

    /** Sequences given to retries the nodes recognised: recorded so that a read of them is explained. */
    private void recordRetried(List<WriteReport.Written> written) {
        Map<String, RetriedSequences.Retry> retries = new HashMap<>();
        for (WriteReport.Written w : written) {
            StorageApi.Conflict elsewhere = w.storedElsewhere();
            if (elsewhere != null) {
                LogEntry e = w.placement().entry();
                retries.put(RetriedSequences.field(e.partitionKey(), e.sequence()),
                        new RetriedSequences.Retry(e.id(), elsewhere.storedPartitionKey(), elsewhere.storedSequence()));
            }
        }
        retried.record(retries);
    }

    /** Remembers where the checkpointed entries are stored, to recognise a client's retry. */
    private void remember(List<WriteReport.Written> written, Map<Integer, Held> held) {
        for (WriteReport.Written w : written) {
            LogEntry e = w.placement().entry();
            StorageApi.Conflict elsewhere = w.storedElsewhere();
            recentIds.put(e.id(), elsewhere == null
                    ? new RecentIds.Stored(e.partitionKey(), e.sequence(), e.version())
                    : new RecentIds.Stored(elsewhere.storedPartitionKey(), elsewhere.storedSequence(), null));
        }
    }

    /** Answers the synchronous writes of the partitions that were checkpointed (held ones answer later). */
    private void reply(List<WriteReport.Written> written, List<Retry> retries, List<WriteReport.Refused> refused,
                       Map<Integer, Held> held, Map<LogEntry, ConsumerRecord<String, byte[]>> sourceOf,
                       Map<LogEntry, Integer> partitionOf) {
        for (WriteReport.Written w : written) {
            WriteReplies.replyTo(sourceOf.get(w.placement().entry())).ifPresent(to -> {
                LogEntry e = w.placement().entry();
                StorageApi.Conflict elsewhere = w.storedElsewhere();
                replier.reply(to, elsewhere == null
                        ? new WriteReply(Status.WRITTEN, e.id(), e.partitionKey(), e.sequence(), e.version(),
                                w.replicas(), w.acks(), null)
                        : new WriteReply(Status.DUPLICATE, e.id(), elsewhere.storedPartitionKey(),
                                elsewhere.storedSequence(), null, w.replicas(), 0,
                                "the id was already stored; nothing new was written"));
            });
        }
        for (Retry retry : retries) {
            if (!held.containsKey(retry.partition())) {
                count(consistencyOf(retry.record()), "duplicate");
                WriteReplies.replyTo(retry.record()).ifPresent(to -> replier.reply(to, new WriteReply(
                        Status.DUPLICATE, retry.entry().id(), retry.stored().partitionKey(), retry.stored().sequence(),
                        retry.stored().version(), replication.replicasOf(retry.stored().partitionKey()), 0,
                        "the id was already stored; nothing new was written")));
            }
        }
        for (WriteReport.Refused f : refused) {
            LogEntry e = f.placement().entry();
            if (!held.containsKey(partitionOf.get(e))) {
                WriteReplies.replyTo(sourceOf.get(e)).ifPresent(to -> replier.reply(to, new WriteReply(
                        Status.REFUSED, e.id(), e.partitionKey(), e.sequence(), e.version(), List.of(), 0, f.reason())));
            }
        }
    }

    /** Ends one phase of a batch (reading and numbering, replicating, checkpointing) and starts the next. */
    private Timer.Sample next(Timer.Sample phase, String name) {
        phase.stop(phases.computeIfAbsent(name, n -> Timer.builder("coordinator.batch")
                .description("One phase of a consumed batch: sequence (read and number), replicate (the write"
                        + " round), hints (hints and dead letters to Kafka), checkpoint (sequences and offsets to Redis)")
                .tag("phase", n)
                .publishPercentiles(0.5, 0.99)
                .register(meters)));
        return Timer.start(meters);
    }

    private LogEntry read(ConsumerRecord<String, byte[]> r, List<DeadLetter> unreadable) {
        String problem;
        try {
            // The gateway writes the internal wire format; JSON (e.g. a record sent by hand) is read too.
            LogEntry entry = r.value() != null && r.value().length > 0 && r.value()[0] == '{'
                    ? json.readValue(r.value(), LogEntry.class)
                    : LogEntryCodec.decode(r.value());
            List<?> violations = LogEntryRules.validateSubmission(entry);
            if (entry.id() != null && violations.isEmpty()) {
                return entry;
            }
            problem = "invalid entry: " + (entry.id() == null ? "no id" : violations);
        } catch (RuntimeException e) {
            problem = "unreadable record: " + e.getMessage();
        }
        String raw = r.value() == null ? null : Base64.getEncoder().encodeToString(r.value());
        unreadable.add(new DeadLetter(null, raw, problem, null, r.partition(), r.offset(), clock.instant()));
        return null;
    }

    private ConsistencyLevel consistencyOf(ConsumerRecord<String, byte[]> r) {
        Header header = r.headers().lastHeader(IngestHeaders.CONSISTENCY);
        if (header == null) {
            return properties.defaultConsistency();
        }
        try {
            return ConsistencyLevel.parse(new String(header.value(), StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return properties.defaultConsistency();
        }
    }

    private void count(ConsistencyLevel level, String outcome) {
        counters.computeIfAbsent(level.name() + "/" + outcome, k -> Counter.builder("coordinator.writes")
                .tag("consistency", level.name()).tag("outcome", outcome)
                .description("Entries by consistency level and outcome").register(meters)).increment();
    }
}
