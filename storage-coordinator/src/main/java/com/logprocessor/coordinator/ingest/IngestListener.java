package com.logprocessor.coordinator.ingest;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Consumes {@code logs.ingest} in batches as the {@code storage-coordinator} group, so several
 * coordinators share the partitions. When a partition is assigned it resumes from the sequence
 * checkpoint (which may be ahead of Kafka's committed offset after a crash between the two), and
 * a batch is acknowledged only after {@link IngestPipeline} has checkpointed it.
 */
public class IngestListener implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(IngestListener.class);

    private final IngestPipeline pipeline;
    private final SequenceRegistry sequences;

    public IngestListener(IngestPipeline pipeline, SequenceRegistry sequences) {
        this.pipeline = pipeline;
        this.sequences = sequences;
    }

    @KafkaListener(id = "ingest", idIsGroup = false, topics = "${topics.ingest:logs.ingest}", batch = "true",
            concurrency = "${coordinator.consumers:3}")
    public void onBatch(List<ConsumerRecord<String, byte[]>> records, Acknowledgment ack, Consumer<?, ?> consumer) {
        if (!records.isEmpty()) {
            pipeline.process(records, consumer.groupMetadata().generationId());
        }
        ack.acknowledge();
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
}
