package com.logprocessor.hints.intake;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Reads {@code topics.hints} in batches as the consumer group of {@code spring.kafka.consumer.group-id}
 * ({@code hint-manager}), so hint managers share its partitions. The batch is acknowledged only
 * after {@link HintIntake} committed its rows: a crash in between re-reads it, and storing it again
 * changes nothing.
 */
@Component
public class HintIntakeListener {

    private final HintIntake intake;

    public HintIntakeListener(HintIntake intake) {
        this.intake = intake;
    }

    @KafkaListener(id = "hint-intake", idIsGroup = false, topics = "${topics.hints:logs.hints}", batch = "true",
            concurrency = "${hint.intake.consumers:2}")
    public void onBatch(List<ConsumerRecord<String, byte[]>> records, Acknowledgment ack) {
        if (!records.isEmpty()) {
            intake.store(records);
        }
        ack.acknowledge();
    }
}
