package com.logprocessor.coordinator.dlq;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.logprocessor.core.consistency.ConsistencyLevel;
import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.support.kafka.TopicsProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parks in {@code logs.dlq}, with the reason, what can never be stored: records that cannot be
 * read, and entries their replicas refused (another entry holds their key and sequence). Never an
 * entry whose replicas are merely unreachable: those are held in Kafka until they can be written.
 * The ingest offset moves past a parked entry only once Kafka has it here, and
 * {@link DeadLetterReplay} sends parked entries back through ingest.
 */
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    /**
     * A parked entry. {@code entry} is null when the record could not be read at all; {@code raw}
     * then holds its bytes, base64. {@code consistency} is the level its client asked for (null:
     * the default).
     */
    @JsonIgnoreProperties(ignoreUnknown = true) // letters parked by older versions carry other fields
    public record DeadLetter(LogEntry entry, String raw, String reason, ConsistencyLevel consistency,
                             int sourcePartition, long sourceOffset, Instant parkedAt) {
    }

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;
    private final String topic;
    private final Counter parked;

    public DeadLetters(KafkaTemplate<String, byte[]> kafka, JsonMapper json, TopicsProperties topics, MeterRegistry meters) {
        this.kafka = kafka;
        this.json = json;
        this.topic = topics.dlq();
        this.parked = Counter.builder("logs.dlq").description("Entries parked in logs.dlq").register(meters);
    }

    /** Publishes and waits for Kafka; throws if it cannot (the batch is then retried, not skipped). */
    public void park(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (DeadLetter letter : letters) {
            sends.add(kafka.send(new ProducerRecord<>(topic, key(letter), json.writeValueAsBytes(letter))));
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not park " + letters.size() + " entries in " + topic, e);
        }
        parked.increment(letters.size());
        log.error("Parked {} entries in {}: {}", letters.size(), topic, letters.get(0).reason());
    }

    private static String key(DeadLetter letter) {
        return letter.entry() != null ? letter.entry().partitionKey() : "unreadable";
    }
}
