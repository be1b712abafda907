package com.logprocessor.coordinator.read;

import com.logprocessor.coordinator.ingest.RetriedSequences;
import com.logprocessor.support.kafka.TopicsProperties;
import com.logprocessor.support.membership.ReplicationProperties;
import com.logprocessor.support.membership.RingView;
import com.logprocessor.support.storage.EntryRepair;
import com.logprocessor.support.storage.StorageNodeClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ReadProperties.class, ReadRepairProperties.class})
class ReadConfiguration {

    @Bean
    QueryService queryService(RingView ringView, StorageNodeClient client, ReplicationProperties replication,
                              Clock clock, ReadProperties properties) {
        return new QueryService(ringView, client, replication.factor(), clock, properties.timeout());
    }

    @Bean
    ReadRepairTrigger readRepairTrigger(KafkaTemplate<String, byte[]> kafka, TopicsProperties topics, JsonMapper json,
                                        Clock clock, MeterRegistry meters) {
        return new ReadRepairTrigger(kafka, topics, json, clock, meters);
    }

    @Bean
    ReadService readService(RingView ringView, StorageNodeClient client, ReadRepairTrigger trigger,
                            ReplicationProperties replication, ReadProperties properties,
                            ReadRepairProperties readRepair, Clock clock, RetriedSequences retriedSequences) {
        return new ReadService(ringView, new EntryRepair(client, clock, properties.timeout()), trigger,
                replication.factor(), readRepair, retriedSequences);
    }
}
