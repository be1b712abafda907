package com.logprocessor.coordinator.hints;

import com.logprocessor.support.kafka.TopicsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HintProperties.class)
class HintConfiguration {

    @Bean
    HintPublisher hintPublisher(KafkaTemplate<String, byte[]> kafka, TopicsProperties topics, HintProperties properties,
                                MeterRegistry meters, Clock clock) {
        return new HintPublisher(kafka, topics, properties, meters, clock);
    }
}
