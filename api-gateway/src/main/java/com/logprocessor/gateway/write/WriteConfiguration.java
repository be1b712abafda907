package com.logprocessor.gateway.write;

import com.logprocessor.support.kafka.TopicsProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.requestreply.ReplyingKafkaTemplate;
import org.springframework.kafka.support.TopicPartitionOffset;

/**
 * Spring Kafka's request-reply for {@code POST /api/write}: requests go to {@code logs.ingest},
 * replies come back on {@code logs.write-replies}. Every gateway reads the whole reply topic from
 * its end (assigned, not subscribed: no consumer group to join or rebalance, so a gateway hears
 * replies from its first second) and keeps the replies whose correlation id it is waiting for.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WriteProperties.class)
class WriteConfiguration {

    @Bean
    KafkaMessageListenerContainer<String, byte[]> writeReplyContainer(ConsumerFactory<String, byte[]> consumers,
                                                                      TopicsProperties topics) {
        ContainerProperties properties = new ContainerProperties(
                new TopicPartitionOffset(topics.writeReplies(), 0, TopicPartitionOffset.SeekPosition.END));
        // Offsets are never committed: a restarted gateway has nobody waiting for old replies.
        properties.setGroupId("api-gateway-write-replies");
        properties.setAckMode(ContainerProperties.AckMode.MANUAL);
        KafkaMessageListenerContainer<String, byte[]> container = new KafkaMessageListenerContainer<>(consumers, properties);
        container.setAutoStartup(false); // the template starts it
        return container;
    }

    @Bean
    ReplyingKafkaTemplate<String, byte[], byte[]> writeTemplate(ProducerFactory<String, byte[]> producers,
                                                               KafkaMessageListenerContainer<String, byte[]> writeReplyContainer,
                                                               WriteProperties properties) {
        ReplyingKafkaTemplate<String, byte[], byte[]> template =
                new ReplyingKafkaTemplate<>(producers, writeReplyContainer);
        template.setSharedReplyTopic(true); // other gateways' replies are expected here, not errors
        template.setDefaultReplyTimeout(properties.timeout());
        return template;
    }
}
