package com.logprocessor.readrepair.intake;

import com.logprocessor.support.kafka.TopicsProperties;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Reads {@code topics.read-repairs} in batches as the consumer group of
 * {@code spring.kafka.consumer.group-id} ({@code read-repair-service}), so instances share its
 * partitions. The batch is acknowledged once its repairs have ended: a crash in between re-reads
 * it, and repairing again changes nothing.
 */
@Component
public class ReadRepairListener {

    private final ReadRepairIntake intake;
    private final String topic;

    public ReadRepairListener(ReadRepairIntake intake, TopicsProperties topics) {
        this.intake = intake;
        this.topic = topics.readRepairs();
    }

    /** The topic the listener reads (used by its {@code topics} expression). */
    public String topic() {
        return topic;
    }

    @KafkaListener(id = "read-repair-intake", idIsGroup = false, topics = "#{__listener.topic()}", batch = "true")
    public void onBatch(List<ConsumerRecord<String, byte[]>> records, Acknowledgment ack) {
        if (!records.isEmpty()) {
            intake.process(records);
        }
        ack.acknowledge();
    }
}
