package com.logprocessor.support.kafka;

import com.logprocessor.core.consistency.ConsistencyLevel;
import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryCodec;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The shape of an entry on {@code logs.ingest}, for everything that publishes there (the gateway,
 * the dead-letter replay): keyed by partition key, so all entries of a key go to one partition and
 * one coordinator, in order; the value in the internal wire format ({@link LogEntryCodec}); the
 * client's consistency level in the {@link IngestHeaders#CONSISTENCY} header, absent for the default.
 */
public final class IngestRecords {

    private IngestRecords() {
    }

    public static ProducerRecord<String, byte[]> record(String topic, LogEntry entry, ConsistencyLevel consistency) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, entry.partitionKey(), LogEntryCodec.encode(entry));
        if (consistency != null) {
            record.headers().add(IngestHeaders.CONSISTENCY, consistency.name().getBytes(StandardCharsets.US_ASCII));
        }
        return record;
    }
}
