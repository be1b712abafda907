package com.logprocessor.coordinator.ingest;

import com.logprocessor.coordinator.ingest.IngestPipeline.BatchOutcome;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;

/**
 * Consumes {@code logs.ingest} in batches as the {@code storage-coordinator} group, so several
 * coordinators share the partitions. When a partition is assigned it resumes from the sequence
 * checkpoint (which may be ahead of Kafka's committed offset after a crash between the two).
 * After each batch, partitions that {@link IngestPipeline} checkpointed are committed to Kafka
 * (asynchronously: Kafka's offset only follows the checkpoint);
 * partitions it held are sought back to their first unwritten record and paused
 * ({@link PartitionHolds}), never committed past it.
 */
public class IngestListener implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(IngestListener.class);

    /** The listener container's id, to pause and resume its partitions. */
    public static final String ID = "ingest";

    private final IngestPipeline pipeline;
    private final SequenceRegistry sequences;
    private final PartitionHolds holds;

    public IngestListener(IngestPipeline pipeline, SequenceRegistry sequences, PartitionHolds holds) {
        this.pipeline = pipeline;
        this.sequences = sequences;
        this.holds = holds;
    }

    @KafkaListener(id = ID, idIsGroup = false, topics = "${topics.ingest:logs.ingest}", batch = "true",
            concurrency = "${coordinator.consumers:3}")
    public void onBatch(List<ConsumerRecord<String, byte[]>> records, Consumer<?, ?> consumer) {
        if (records.isEmpty()) {
            return;
        }
        String topic = records.get(0).topic();
        BatchOutcome outcome = pipeline.process(records, consumer.groupMetadata().generationId());
        outcome.held().forEach((partition, held) -> {
            TopicPartition tp = new TopicPartition(topic, partition);
            consumer.seek(tp, held.fromOffset());
            holds.hold(tp, held.reason());
        });
        Map<TopicPartition, OffsetAndMetadata> commits = new LinkedHashMap<>();
        outcome.written().forEach((partition, next) -> {
            TopicPartition tp = new TopicPartition(topic, partition);
            holds.release(tp);
            commits.put(tp, new OffsetAndMetadata(next));
        });
        if (!commits.isEmpty()) {
            // The Redis checkpoint is where a partition resumes; Kafka's offset follows it for
            // lag tools and for a group whose checkpoints were lost, so it need not hold up the
            // next batch: an asynchronous commit (the next one supersedes a failed one, and the
            // consumer completes pending ones when it closes). Committing synchronously was 8 % of
            // the coordinator's CPU under single-log ingest, a round trip to Kafka every batch.
            try {
                consumer.commitAsync(commits, (offsets, error) -> {
                    if (error != null) {
                        log.warn("Could not commit {} to Kafka (the checkpoint in Redis stands): {}", offsets.keySet(),
                                error.toString());
                    }
                });
            } catch (KafkaException e) {
                log.warn("Could not commit {} to Kafka (the checkpoint in Redis stands): {}", commits.keySet(), e.toString());
            }
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        for (TopicPartition tp : assignments.keySet()) {
            sequences.forget(tp.partition());
            sequences.resumeOffset(tp.partition()).ifPresent(offset -> {
                log.info("Resuming {} at checkpoint offset {}", tp, offset);
                callback.seek(tp.topic(), tp.partition(), offset);
            });
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        holds.forget(partitions);
    }
}
