package com.logprocessor.support.kafka;

import com.logprocessor.core.version.LamportVersion;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shape of a read-repair request on {@code read-repairs}, shared by the coordinator that finds
 * a stale replica on a read and the read-repair-service that heals it. Keyed by partition key, so
 * the requests of one entry land in one partition and one consumer, which collapses duplicates.
 * The value is JSON: small, rare next to ingest, and readable with Kafka's console tools.
 */
public final class ReadRepairRecords {

    /** Partitions of the read-repairs topic: read-repair services share them as one consumer group. */
    public static final int PARTITIONS = 3;

    private ReadRepairRecords() {
    }

    /**
     * One entry whose replicas disagreed on a read.
     *
     * @param partitionKey the entry's key
     * @param sequence the entry's sequence
     * @param newest the newest version the reader saw (the repairer re-reads and may find newer)
     * @param staleNodes replicas the reader found without it or with an older copy
     * @param cause {@code read} (a contacted replica was stale) or {@code chance} (found by the
     *        {@code read-repair.chance} check of the replicas outside the read's R)
     * @param requestedAtMillis when the reader found the difference
     */
    public record ReadRepairRequest(String partitionKey, long sequence, LamportVersion newest,
                                    List<String> staleNodes, String cause, long requestedAtMillis) {
    }

    public static ProducerRecord<String, byte[]> record(String topic, ReadRepairRequest request, JsonMapper json) {
        return new ProducerRecord<>(topic, null, request.requestedAtMillis(), request.partitionKey(),
                json.writeValueAsBytes(request));
    }

    public static ReadRepairRequest read(byte[] value, JsonMapper json) {
        return json.readValue(value, ReadRepairRequest.class);
    }
}
