package com.logprocessor.coordinator.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * How far writing is behind ingest, per partition of {@code logs.ingest}: the records Kafka holds
 * beyond the partition's sequence checkpoint (the first offset not yet written at its level), as
 * the gauge {@code coordinator_ingest_lag{partition}}. Acknowledged logs that are not durable yet:
 * it grows while a partition is held and falls as it drains. Measured against the checkpoint, not
 * Kafka's committed offset, so every coordinator of the group reports the same figure (take the
 * max per partition) and a paused consumer's stale fetch metrics do not hide it.
 */
public class IngestLag implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestLag.class);

    private final Admin admin;
    private final String topic;
    private final int partitions;
    private final SequenceRegistry sequences;
    private final MeterRegistry meters;
    private final Map<Integer, AtomicLong> lag = new ConcurrentHashMap<>();

    public IngestLag(Admin admin, String topic, int partitions, SequenceRegistry sequences, MeterRegistry meters) {
        this.admin = admin;
        this.topic = topic;
        this.partitions = partitions;
        this.sequences = sequences;
        this.meters = meters;
    }

    @Scheduled(fixedDelay = 5, initialDelay = 5, timeUnit = TimeUnit.SECONDS)
    public void refresh() {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                earliest.put(new TopicPartition(topic, p), OffsetSpec.earliest());
            }
            Map<TopicPartition, ListOffsetsResultInfo> end = admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResultInfo> start = admin.listOffsets(earliest).all().get(5, TimeUnit.SECONDS);
            for (int p = 0; p < partitions; p++) {
                TopicPartition tp = new TopicPartition(topic, p);
                long first = start.get(tp).offset();
                long written = Math.max(first, sequences.resumeOffset(p).orElse(first));
                gauge(p).set(Math.max(0, end.get(tp).offset() - written));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Kafka or Redis unreachable: keep the last figures; the next refresh tries again.
            log.debug("Could not measure ingest lag: {}", e.toString());
        }
    }

    /** The last measured lag of a partition (0 before the first measurement). */
    public long lag(int partition) {
        AtomicLong value = lag.get(partition);
        return value == null ? 0 : value.get();
    }

    private AtomicLong gauge(int partition) {
        return lag.computeIfAbsent(partition, p -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("coordinator.ingest.lag", value, AtomicLong::get)
                    .tag("partition", Integer.toString(p))
                    .description("Records of logs.ingest beyond the partition's checkpoint: acknowledged, not yet"
                            + " written at their consistency level")
                    .register(meters);
            return value;
        });
    }

    @Override
    public void close() {
        admin.close();
    }
}
