package com.logprocessor.support.kafka;

import com.logprocessor.core.entry.LogEntryCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The shape of a hint on {@code logs.hints}, shared by the coordinator that writes it and the hint
 * manager that stores and replays it: the key is the id of the storage node that missed the write,
 * the value the entry as written to its other replicas (sequence and version set) in the internal
 * wire format ({@link LogEntryCodec}), the record time when the write was found missed. Keyed by
 * node, so one node's hints are in one partition, in the order they were created.
 *
 * <p>Hints go through Kafka rather than a call to the hint manager: the coordinator's only wait is
 * Kafka's acknowledgement, which its write path already depends on, and a hint manager that is
 * down or restarting loses no hint; it catches up from the topic.
 */
public final class HintRecords {

    /** Partitions of the hints topic: hint managers share them as one consumer group. */
    public static final int PARTITIONS = 6;

    private HintRecords() {
    }

    /** A hint for {@code targetNode} of an entry already encoded with {@link LogEntryCodec#encode}. */
    public static ProducerRecord<String, byte[]> record(String topic, String targetNode, byte[] encodedEntry,
                                                        long createdAtMillis) {
        return new ProducerRecord<>(topic, null, createdAtMillis, targetNode, encodedEntry);
    }

    /** The node a hint is for. */
    public static String targetNode(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            throw new IllegalArgumentException("a hint record has no key (target node) at offset " + record.offset());
        }
        return record.key();
    }
}
