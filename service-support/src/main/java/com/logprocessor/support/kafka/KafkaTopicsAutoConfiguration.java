package com.logprocessor.support.kafka;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** Declares the system's topics in every service that has Kafka (created if missing). */
@AutoConfiguration
@ConditionalOnClass(KafkaAdmin.class)
@EnableConfigurationProperties(TopicsProperties.class)
public class KafkaTopicsAutoConfiguration {

    @Bean
    public KafkaAdmin.NewTopics logStorageTopics(TopicsProperties topics) {
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(topics.ingest()).partitions(topics.ingestPartitions()).replicas(topics.replicas())
                        .config("min.insync.replicas", "1").build(),
                TopicBuilder.name(topics.dlq()).partitions(1).replicas(topics.replicas()).build(),
                TopicBuilder.name(topics.readRepairs()).partitions(ReadRepairRecords.PARTITIONS).replicas(topics.replicas()).build(),
                TopicBuilder.name(topics.hints()).partitions(HintRecords.PARTITIONS).replicas(topics.replicas())
                        .config("min.insync.replicas", "1").build(),
                // Replies matter only while a gateway waits for them (seconds): kept an hour.
                TopicBuilder.name(topics.writeReplies()).partitions(1).replicas(topics.replicas())
                        .config("retention.ms", "3600000").build());
    }

}
