package com.logprocessor.coordinator.ingest;

import com.logprocessor.coordinator.config.CoordinatorProperties;
import com.logprocessor.coordinator.replication.DeadLetters;
import com.logprocessor.coordinator.replication.DeadLetters.DeadLetter;
import com.logprocessor.coordinator.replication.Placement;
import com.logprocessor.coordinator.replication.ReplicationService;
import com.logprocessor.coordinator.replication.WriteReport;
import com.logprocessor.core.consistency.ConsistencyLevel;
import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryCodec;
import com.logprocessor.core.entry.LogEntryRules;
import com.logprocessor.core.version.LamportClock;
import com.logprocessor.support.kafka.IngestHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *   <li>read each record (an unreadable one goes straight to the DLQ);</li>
 *   <li>number it: the next sequence of its key ({@link SequenceRegistry}), and stamp a new
 *       Lamport version;</li>
 *   <li>write it to its replicas until its consistency level is met, in up to
 *       {@code coordinator.write-attempts} rounds with growing pauses, re-reading the ring each
 *       round; what still fails goes to {@code logs.dlq};</li>
 *   <li>checkpoint the sequences and the offset. Only then is the batch acknowledged to Kafka.</li>
 * </ol>
 * A crash anywhere before the checkpoint replays the batch with the same sequences, and storage
 * nodes apply a write idempotently, so nothing is lost and nothing is stored twice.
 */
public class IngestPipeline {

    private static final Logger log = LoggerFactory.getLogger(IngestPipeline.class);

    private final JsonMapper json;
    private final SequenceRegistry sequences;
    private final ReplicationService replication;
    private final DeadLetters deadLetters;
    private final CoordinatorProperties properties;
    private final LamportClock lamport;
    private final Clock clock;
    private final Timer ingestToDurable;
    private final Timer queued;
    private final Map<String, Timer> phases = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public IngestPipeline(JsonMapper json, SequenceRegistry sequences, ReplicationService replication,
                          DeadLetters deadLetters, CoordinatorProperties properties, Clock clock, MeterRegistry meters) {
        this.json = json;
        this.sequences = sequences;
        this.replication = replication;
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

    /** Writes a batch (records of any partitions, each partition's in offset order) and checkpoints it. */
    public void process(List<ConsumerRecord<String, byte[]>> records, int generation) {
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
        List<DeadLetter> unreadable = new ArrayList<>();
        Map<Integer, SequenceRegistry.Assignment> assignments = new LinkedHashMap<>();
        Map<LogEntry, ConsumerRecord<String, byte[]>> sourceOf = new IdentityHashMap<>();
        for (Map.Entry<Integer, List<ConsumerRecord<String, byte[]>>> part : byPartition.entrySet()) {
            List<ConsumerRecord<String, byte[]>> readable = new ArrayList<>();
            List<LogEntry> entries = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : part.getValue()) {
                LogEntry entry = read(r, unreadable);
                if (entry != null) {
                    readable.add(r);
                    entries.add(entry);
                }
            }
            SequenceRegistry.Assignment assignment =
                    sequences.assign(part.getKey(), entries.stream().map(LogEntry::partitionKey).toList());
            assignments.put(part.getKey(), assignment);
            for (int i = 0; i < entries.size(); i++) {
                LogEntry placed = entries.get(i).placed(assignment.sequences()[i], lamport.tick());
                ConsumerRecord<String, byte[]> r = readable.get(i);
                sourceOf.put(placed, r);
                placements.add(new Placement(placed, consistencyOf(r), r.timestamp()));
            }
        }
        deadLetters.park("unreadable", unreadable);
        phase = next(phase, "sequence");

        List<WriteReport.Failed> failed = writeWithRetries(placements);
        List<DeadLetter> parked = new ArrayList<>();
        for (WriteReport.Failed f : failed) {
            ConsumerRecord<String, byte[]> r = sourceOf.get(f.placement().entry());
            parked.add(new DeadLetter(f.placement().entry(), null, f.reason(), properties.writeAttempts(),
                    r.partition(), r.offset(), clock.instant()));
            count(f.placement().consistency(), "dlq");
        }
        deadLetters.park("failed", parked);
        phase = next(phase, "replicate");

        List<SequenceRegistry.Checkpoint> checkpoints = new ArrayList<>(byPartition.size());
        byPartition.forEach((partition, rs) -> checkpoints.add(new SequenceRegistry.Checkpoint(partition,
                assignments.get(partition).counters(), rs.get(rs.size() - 1).offset() + 1)));
        sequences.checkpoint(checkpoints, generation);
        next(phase, "checkpoint");
    }

    /** Ends one phase of a batch (reading and numbering, replicating, checkpointing) and starts the next. */
    private Timer.Sample next(Timer.Sample phase, String name) {
        phase.stop(phases.computeIfAbsent(name, n -> Timer.builder("coordinator.batch")
                .description("One phase of a consumed batch: sequence (read and number), replicate (all write"
                        + " rounds), checkpoint (sequences and offset to Redis)")
                .tag("phase", n)
                .publishPercentiles(0.5, 0.99)
                .register(meters)));
        return Timer.start(meters);
    }

    private List<WriteReport.Failed> writeWithRetries(List<Placement> placements) {
        List<Placement> pending = placements;
        List<WriteReport.Failed> failed = List.of();
        long backoff = properties.retryBackoff().toMillis();
        for (int attempt = 1; attempt <= properties.writeAttempts() && !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                log.warn("{} entries missed their consistency level ({}); round {} of {} in {} ms",
                        pending.size(), failed.get(0).reason(), attempt, properties.writeAttempts(), backoff);
                pause(backoff);
                backoff = (long) (backoff * properties.retryBackoffMultiplier());
            }
            WriteReport report = replication.write(pending);
            for (WriteReport.Written w : report.written()) {
                ingestToDurable.record(Math.max(0, w.durableAtMillis() - w.placement().acceptedAtMillis()),
                        TimeUnit.MILLISECONDS);
                count(w.placement().consistency(), "written");
            }
            failed = report.failed();
            pending = failed.stream().map(WriteReport.Failed::placement).toList();
        }
        return failed;
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
        unreadable.add(new DeadLetter(null, raw, problem, 0, r.partition(), r.offset(), clock.instant()));
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

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted between write rounds", e);
        }
    }
}
