package com.logprocessor.coordinator.dlq;

import com.logprocessor.coordinator.dlq.DeadLetters.DeadLetter;
import com.logprocessor.support.kafka.IngestRecords;
import com.logprocessor.support.kafka.TopicsProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends parked entries back through ingest ({@code POST /api/coordinator/dlq/replay}): each letter
 * of {@code logs.dlq} not yet replayed (the consumer group {@value #GROUP} remembers where the
 * last replay stopped) is published to {@code logs.ingest} as its client sent it (same id, same
 * key, same consistency level), to be numbered and written like any new entry. A letter whose
 * record could not be read has no entry to replay: it is skipped and reported. Run it after fixing
 * what made the replicas refuse the entries; one replay runs at a time.
 */
public class DeadLetterReplay {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplay.class);

    /** The consumer group whose committed offsets mark the letters already replayed. */
    public static final String GROUP = "storage-coordinator-dlq-replay";
    private static final Duration POLL = Duration.ofMillis(500);

    private final ConsumerFactory<String, byte[]> consumers;
    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;
    private final TopicsProperties topics;

    public DeadLetterReplay(ConsumerFactory<String, byte[]> consumers, KafkaTemplate<String, byte[]> kafka,
                            JsonMapper json, TopicsProperties topics) {
        this.consumers = consumers;
        this.kafka = kafka;
        this.json = json;
        this.topics = topics;
    }

    /** What a replay did. {@code remaining} letters are still parked after it (beyond {@code max}). */
    public record ReplayReport(int replayed, int skipped, List<String> skippedReasons, long remaining) {
    }

    /** Letters parked and not yet replayed. */
    public synchronized long pending() {
        try (Consumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = assignAll(consumer);
            return remaining(consumer, partitions, consumer.endOffsets(partitions));
        }
    }

    /** Replays up to {@code max} letters, oldest first, and commits past them once Kafka has them back in ingest. */
    public synchronized ReplayReport replay(int max) {
        try (Consumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = assignAll(consumer);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            int replayed = 0;
            int skipped = 0;
            List<String> reasons = new ArrayList<>();
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (replayed + skipped < max && remaining(consumer, partitions, end) > 0 && System.nanoTime() < deadline) {
                List<CompletableFuture<?>> sends = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    if (replayed + skipped >= max || r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue;
                    }
                    DeadLetter letter = read(r);
                    if (letter == null || letter.entry() == null) {
                        skipped++;
                        if (reasons.size() < 20) {
                            reasons.add("offset " + r.offset() + ": " + (letter == null ? "not a dead letter"
                                    : "unreadable record, nothing to replay (" + letter.reason() + ")"));
                        }
                    } else {
                        // As its client sent it: the coordinator numbers and versions it again.
                        sends.add(kafka.send(IngestRecords.record(topics.ingest(), letter.entry().placed(0, null),
                                letter.consistency())));
                        replayed++;
                    }
                    done.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                }
                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                if (!done.isEmpty()) {
                    consumer.commitSync(done);
                }
            }
            long remaining = remaining(consumer, partitions, end);
            log.info("Replayed {} dead letters into {} ({} skipped, {} still parked)", replayed, topics.ingest(),
                    skipped, remaining);
            return new ReplayReport(replayed, skipped, reasons, remaining);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying dead letters", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take the replayed entries; nothing past them was"
                    + " marked replayed, run the replay again", e);
        }
    }

    private DeadLetter read(ConsumerRecord<String, byte[]> r) {
        try {
            return json.readValue(r.value(), DeadLetter.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Consumer<String, byte[]> consumer() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        return consumers.createConsumer(GROUP, null, "-dlq-replay", overrides);
    }

    /** Assigns every partition of the DLQ, positioned after the last replayed letter (or at the start). */
    private List<TopicPartition> assignAll(Consumer<String, byte[]> consumer) {
        List<TopicPartition> partitions = consumer.partitionsFor(topics.dlq()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
        Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions);
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            consumer.seek(tp, c != null ? Math.max(c.offset(), beginning.get(tp)) : beginning.get(tp));
        }
        return partitions;
    }

    private static long remaining(Consumer<String, byte[]> consumer, List<TopicPartition> partitions,
                                  Map<TopicPartition, Long> end) {
        long n = 0;
        for (TopicPartition tp : partitions) {
            n += Math.max(0, end.get(tp) - consumer.position(tp));
        }
        return n;
    }
}
