package com.logprocessor.coordinator.dlq;

import com.logprocessor.support.kafka.TopicsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    @Bean
    DeadLetters deadLetters(KafkaTemplate<String, byte[]> kafka, JsonMapper json, TopicsProperties topics,
                            MeterRegistry meters) {
        return new DeadLetters(kafka, json, topics, meters);
    }

    @Bean
    DeadLetterReplay deadLetterReplay(ConsumerFactory<String, byte[]> consumers, KafkaTemplate<String, byte[]> kafka,
                                      JsonMapper json, TopicsProperties topics) {
        return new DeadLetterReplay(consumers, kafka, json, topics);
    }
}
