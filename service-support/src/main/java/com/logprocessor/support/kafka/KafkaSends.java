package com.logprocessor.support.kafka;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/** Sending that reports every failure the same way. */
public final class KafkaSends {

    private KafkaSends() {
    }

    /**
     * Sends a record; a failure the producer raises at once (KafkaTemplate rethrows it, e.g. no
     * broker metadata within {@code max.block.ms}) comes back as a failed future like a late one,
     * so a caller can stop handing records to a producer that refuses them.
     */
    public static <K, V> CompletableFuture<?> send(KafkaTemplate<K, V> kafka, ProducerRecord<K, V> record) {
        try {
            return kafka.send(record);
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }
}
