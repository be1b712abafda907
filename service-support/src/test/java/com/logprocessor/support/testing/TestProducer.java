package com.logprocessor.support.testing;

import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Publishes records to the Kafka of a service's context test, as another service would (the
 * coordinator's hints, a reader's repair requests), each send waited for. Declare it as
 * {@code @RegisterExtension protected final TestProducer kafka = new TestProducer();}: it opens its
 * producer on first use and closes it after each test. The brokers are those the context's
 * {@link KafkaAdmin} was built with, not the {@code spring.embedded.kafka.brokers} system
 * property: with several cached contexts each has its own embedded broker, and that property
 * names only the last one started.
 */
public class TestProducer implements BeforeEachCallback, AfterEachCallback {

    private Object bootstrapServers;
    private DefaultKafkaProducerFactory<String, byte[]> producers;
    private KafkaTemplate<String, byte[]> template;

    @Override
    public void beforeEach(ExtensionContext context) {
        bootstrapServers = SpringExtension.getApplicationContext(context).getBean(KafkaAdmin.class)
                .getConfigurationProperties().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    }

    /** Sends {@code record} and waits until Kafka has it. */
    public void send(ProducerRecord<String, byte[]> record) {
        template().send(record).join();
    }

    private synchronized KafkaTemplate<String, byte[]> template() {
        if (template == null) {
            producers = new DefaultKafkaProducerFactory<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
            template = new KafkaTemplate<>(producers);
        }
        return template;
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) {
        if (producers != null) {
            producers.destroy();
        }
        producers = null;
        template = null;
    }
}
