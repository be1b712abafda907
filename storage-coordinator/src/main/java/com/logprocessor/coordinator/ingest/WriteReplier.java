package com.logprocessor.coordinator.ingest;

import com.logprocessor.support.kafka.KafkaSends;
import com.logprocessor.support.kafka.WriteReplies;
import com.logprocessor.support.kafka.WriteReplies.ReplyTo;
import com.logprocessor.support.kafka.WriteReplies.WriteReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers synchronous writes ({@code POST /api/write}) once their fate is known. A reply is sent
 * after the batch is checkpointed, never before: a gateway that hears WRITTEN can rely on it. A
 * reply that does not get through only makes that gateway answer 504; the entry is written anyway.
 */
public class WriteReplier {

    private static final Logger log = LoggerFactory.getLogger(WriteReplier.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final JsonMapper json;

    public WriteReplier(KafkaTemplate<String, byte[]> kafka, JsonMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    public void reply(ReplyTo to, WriteReply reply) {
        KafkaSends.send(kafka, WriteReplies.record(to, reply, json)).whenComplete((ok, failure) -> {
            if (failure != null) {
                log.warn("Reply to a synchronous write of {} not sent ({}); its client gets a timeout",
                        reply.id(), failure.toString());
            }
        });
    }
}
