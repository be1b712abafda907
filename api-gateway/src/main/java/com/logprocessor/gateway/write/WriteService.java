package com.logprocessor.gateway.write;

import com.logprocessor.core.consistency.ConsistencyLevel;
import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.gateway.ingest.GatewayProperties;
import com.logprocessor.gateway.ingest.IngestService;
import com.logprocessor.gateway.ingest.IngestUnavailableException;
import com.logprocessor.gateway.ingest.LogSubmission;
import com.logprocessor.support.kafka.IngestRecords;
import com.logprocessor.support.kafka.TopicsProperties;
import com.logprocessor.support.kafka.WriteReplies;
import com.logprocessor.support.kafka.WriteReplies.WriteReply;
import com.logprocessor.support.web.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;
import org.springframework.kafka.requestreply.RequestReplyFuture;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/write}: one entry through the same path as every other write ({@code logs.ingest},
 * numbered and replicated by the coordinator that owns its partition, retries recognised by id),
 * and a wait for that coordinator's reply: written at the level, a duplicate of a stored id, or
 * refused. No reply within {@link WriteProperties#timeout()}: 504, and the entry, acknowledged by
 * Kafka, is written later like any other.
 */
@Service
public class WriteService {

    private final IngestService ingest;
    private final ReplyingKafkaTemplate<String, byte[], byte[]> kafka;
    private final String topic;
    private final WriteProperties properties;
    private final JsonMapper json;
    private final Timer writes;
    private final GatewayProperties gateway;

    public WriteService(IngestService ingest, ReplyingKafkaTemplate<String, byte[], byte[]> writeTemplate,
                        TopicsProperties topics, WriteProperties properties, GatewayProperties gateway, JsonMapper json,
                        MeterRegistry meters) {
        this.gateway = gateway;
        this.ingest = ingest;
        this.kafka = writeTemplate;
        this.topic = topics.ingest();
        this.properties = properties;
        this.json = json;
        this.writes = Timer.builder("gateway.write")
                .description("Synchronous writes, from the request to the coordinator's reply")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    public WriteReply write(LogSubmission submission, String consistency) {
        ConsistencyLevel level = IngestService.parseConsistency(consistency);
        LogEntry entry = ingest.toEntries(List.of(submission), null).get(0);
        Timer.Sample sample = Timer.start();
        RequestReplyFuture<String, byte[], byte[]> future;
        try {
            future = kafka.sendAndReceive(IngestRecords.record(topic, entry, level), properties.timeout());
            future.getSendFuture().get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
            ingest.acknowledged(1);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new IngestUnavailableException("Kafka did not take the entry within " + properties.timeout()
                    + "; it is not accepted: send it again (with the same id it is never stored twice)", e,
                    gateway.retryAfter());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestUnavailableException("interrupted while handing the entry to Kafka", e, gateway.retryAfter());
        }
        try {
            ConsumerRecord<String, byte[]> reply = future.get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return WriteReplies.read(reply.value(), json);
        } catch (ExecutionException | TimeoutException e) {
            throw new ProblemException(HttpStatus.GATEWAY_TIMEOUT, "Consistency level not met in time",
                    "the entry " + entry.id() + " was accepted by Kafka, but " + (level == null ? "its level" : level)
                            + " was not met within " + properties.timeout() + "; it stays queued and is written when"
                            + " its replicas can take it. Read it with GET /api/read, or send it again with the same"
                            + " id (it is never stored twice).")
                    .with("id", entry.id().toString()).with("partitionKey", entry.partitionKey());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(HttpStatus.GATEWAY_TIMEOUT, "Interrupted", "interrupted while waiting");
        } finally {
            sample.stop(writes);
        }
    }
}
