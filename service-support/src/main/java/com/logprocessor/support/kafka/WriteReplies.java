package com.logprocessor.support.kafka;

import com.logprocessor.core.version.LamportVersion;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.support.KafkaHeaders;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replies to synchronous writes ({@code POST /api/write}), shared by the gateway that waits and the
 * coordinator that writes. The gateway publishes the entry to {@code logs.ingest} like any other
 * (so it is ordered, numbered and de-duplicated the same way) with Spring Kafka's request-reply
 * headers ({@link KafkaHeaders#REPLY_TOPIC}, {@link KafkaHeaders#CORRELATION_ID}); whichever
 * coordinator owns the partition answers on the reply topic once the entry's fate is known.
 */
public final class WriteReplies {

    private WriteReplies() {
    }

    /** What became of a synchronous write. */
    public enum Status {
        /** Its consistency level was met. */
        WRITTEN,
        /** Its id was already stored: nothing new was written, and {@code sequence} is where it is. */
        DUPLICATE,
        /** Its replicas refused it for good (it went to the dead-letter topic). */
        REFUSED
    }

    /**
     * One reply.
     *
     * @param replicas the entry's replicas; {@code acks} of them acknowledged this write (0 for a duplicate)
     * @param detail why, for {@link Status#REFUSED}
     */
    public record WriteReply(Status status, UUID id, String partitionKey, long sequence, LamportVersion version,
                             List<String> replicas, int acks, String detail) {
    }

    /** Where a consumed ingest record wants its reply, if it was a synchronous write. */
    public record ReplyTo(String topic, Integer partition, byte[] correlationId) {
    }

    public static Optional<ReplyTo> replyTo(ConsumerRecord<?, ?> record) {
        Header topic = record.headers().lastHeader(KafkaHeaders.REPLY_TOPIC);
        Header correlation = record.headers().lastHeader(KafkaHeaders.CORRELATION_ID);
        if (topic == null || correlation == null) {
            return Optional.empty();
        }
        Header partition = record.headers().lastHeader(KafkaHeaders.REPLY_PARTITION);
        Integer p = partition == null || partition.value().length != 4 ? null
                : ByteBuffer.wrap(partition.value()).getInt();
        return Optional.of(new ReplyTo(new String(topic.value(), StandardCharsets.UTF_8), p,
                correlation.value()));
    }

    public static ProducerRecord<String, byte[]> record(ReplyTo to, WriteReply reply, JsonMapper json) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(to.topic(), to.partition(),
                reply.partitionKey(), json.writeValueAsBytes(reply));
        record.headers().add(KafkaHeaders.CORRELATION_ID, to.correlationId());
        return record;
    }

    public static WriteReply read(byte[] value, JsonMapper json) {
        return json.readValue(value, WriteReply.class);
    }
}
