package com.logprocessor.gateway.ingest;

import com.logprocessor.core.consistency.ConsistencyLevel;
import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.support.kafka.IngestRecords;
import com.logprocessor.support.kafka.KafkaSends;
import com.logprocessor.support.kafka.TopicsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes entries to {@code logs.ingest} in the internal wire format
 * ({@link com.logprocessor.core.entry.LogEntryCodec}),
 * keyed by partition key so all entries of a key go to one Kafka partition (and one coordinator),
 * in order. Returns only when Kafka has acknowledged
 * every entry (acks=all, idempotent producer): that is when the gateway may answer 202.
 */
@Component
public class IngestPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final String topic;
    private final Timer publishTimer;
    private final Duration retryAfter;

    public IngestPublisher(KafkaTemplate<String, byte[]> kafka, TopicsProperties topics, GatewayProperties properties,
                           MeterRegistry meters) {
        this.kafka = kafka;
        this.retryAfter = properties.retryAfter();
        this.topic = topics.ingest();
        this.publishTimer = Timer.builder("gateway.publish")
                .description("Time for Kafka to acknowledge one request's entries")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(meters);
    }

    /**
     * Publishes every entry and waits for Kafka's acknowledgement of all of them, at most
     * {@code timeout} in all: a send that cannot even start (no broker metadata within
     * {@code max.block.ms}) or a deadline that passes stops the request at once with
     * {@link IngestUnavailableException}, instead of waiting once per entry.
     */
    public void publish(List<LogEntry> entries, ConsistencyLevel consistency, Duration timeout) {
        Timer.Sample sample = Timer.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<CompletableFuture<?>> sends = new ArrayList<>(entries.size());
        try {
            for (LogEntry e : entries) {
                CompletableFuture<?> send = KafkaSends.send(kafka, IngestRecords.record(topic, e, consistency));
                if (send.isCompletedExceptionally() || System.nanoTime() - deadline > 0) {
                    send.join(); // throws the producer's reason when it failed; else the deadline passed
                    throw new TimeoutException("the deadline passed while handing entries to the producer");
                }
                sends.add(send);
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestUnavailableException("interrupted while waiting for Kafka", e, retryAfter);
        } catch (ExecutionException | TimeoutException | CompletionException e) {
            throw new IngestUnavailableException("Kafka did not acknowledge the logs within " + timeout
                    + "; they are not accepted: send them again (logs that carry their own id are never stored twice)",
                    e, retryAfter);
        } finally {
            sample.stop(publishTimer);
        }
    }
}
