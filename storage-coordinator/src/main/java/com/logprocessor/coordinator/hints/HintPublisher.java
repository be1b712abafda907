package com.logprocessor.coordinator.hints;

import com.logprocessor.coordinator.replication.WriteReport;
import com.logprocessor.support.kafka.HintRecords;
import com.logprocessor.support.kafka.KafkaSends;
import com.logprocessor.support.kafka.TopicsProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Hands the hint manager, through {@code logs.hints} ({@link HintRecords}), every copy a replica
 * missed of an entry that met its level without it: one record per (node, entry), sent as one
 * batch, and waited for (bounded by {@code coordinator.hints.send-timeout}) before the batch is
 * checkpointed, so a crash replays the batch and its hints rather than losing them. A hint Kafka
 * does not take in time is counted in {@code hints_dropped_total} and left to anti-entropy: the
 * entry is durable on its other replicas, and holding ingest for a hint would make a replica's
 * outage everyone's.
 */
public class HintPublisher {

    private static final Logger log = LoggerFactory.getLogger(HintPublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final String topic;
    private final HintProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Counter> created = new ConcurrentHashMap<>();
    private final Map<String, Counter> dropped = new ConcurrentHashMap<>();

    public HintPublisher(KafkaTemplate<String, byte[]> kafka, TopicsProperties topics, HintProperties properties,
                         MeterRegistry meters, Clock clock) {
        this.kafka = kafka;
        this.topic = topics.hints();
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    /** Publishes a hint for every missed replica of the written entries. */
    public void publish(List<WriteReport.Written> written) {
        long now = clock.millis();
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        List<String> targets = new ArrayList<>();
        List<CompletableFuture<?>> sends = new ArrayList<>();
        boolean kafkaFailing = false;
        for (WriteReport.Written w : written) {
            if (w.storedElsewhere() != null) {
                continue; // a retry of an id stored at another key: a hint would store it twice on that node
            }
            for (String node : w.missed()) {
                targets.add(node);
                // Once Kafka refuses one hint or the deadline passes, the rest are not even tried:
                // a send may block (max.block.ms) while the broker is unreachable.
                CompletableFuture<?> send = kafkaFailing || System.nanoTime() - deadline > 0
                        ? CompletableFuture.failedFuture(new IllegalStateException("not sent: Kafka is failing"))
                        : KafkaSends.send(kafka, HintRecords.record(topic, node, w.encoded(), now));
                kafkaFailing |= send.isCompletedExceptionally();
                sends.add(send);
            }
        }
        if (sends.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Counted per record below.
        }
        int taken = 0;
        Map<String, Integer> lost = new TreeMap<>();
        for (int i = 0; i < sends.size(); i++) {
            CompletableFuture<?> send = sends.get(i);
            String node = targets.get(i);
            // Both counters of a node exist from its first hint: a dashboard shows 0 dropped, not "no data".
            Counter sent = counter(created, "hints.sent", node,
                    "Copies a replica missed of entries written at their level: hints handed to the hint manager");
            Counter notSent = counter(dropped, "hints.dropped", node,
                    "Missed copies Kafka did not take as hints in time: left to anti-entropy");
            if (send.isDone() && !send.isCompletedExceptionally()) {
                taken++;
                sent.increment();
            } else {
                lost.merge(node, 1, Integer::sum);
                notSent.increment();
            }
        }
        if (!lost.isEmpty()) {
            log.error("Kafka did not take {} hints within {} (per node: {}); anti-entropy will repair those replicas",
                    sends.size() - taken, properties.sendTimeout(), lost);
        }
    }

    private Counter counter(Map<String, Counter> cache, String name, String node, String description) {
        return cache.computeIfAbsent(node, n -> Counter.builder(name).tag("target_node", n)
                .description(description).register(meters));
    }
}
