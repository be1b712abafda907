package com.logprocessor.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.support.testing.FakeStorageNode;
import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryCodec;
import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.support.membership.MembershipProperties;
import com.logprocessor.support.membership.MembershipStore;
import com.logprocessor.support.membership.RingLifecycler;
import com.logprocessor.support.membership.RingView;
import com.logprocessor.support.testing.FakeAntiEntropy;
import com.logprocessor.support.testing.TestRedis;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A coordinator with a real Kafka (embedded KRaft) and a real Redis in front of three fake
 * storage nodes registered in ring membership. Test classes extending this share one context.
 * Holds back off briefly (50 ms up to 500 ms) so that tests of held partitions are quick.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "topics.ingest-partitions=2",
        "ring.key-prefix=ring-writepath",
        "coordinator.hold.initial-backoff=50ms",
        "coordinator.hold.max-backoff=500ms",
        "coordinator.replica-timeout=2s",
        "resilience4j.retry.configs.default.max-attempts=1"})
@EmbeddedKafka(partitions = 2, topics = {"logs.ingest", "logs.dlq", "logs.hints"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FakeClusterTest {

    protected static final List<FakeStorageNode> NODES = List.of(new FakeStorageNode(), new FakeStorageNode(), new FakeStorageNode());

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", TestRedis::port);
        registry.add("anti-entropy.url", () -> FakeAntiEntropy.url().toString());
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected KafkaTemplate<String, byte[]> kafka;
    @Autowired
    protected JsonMapper json;
    @Autowired
    protected MembershipStore store;
    @Autowired
    protected MembershipProperties membership;
    @Autowired
    protected RingView ringView;
    @Autowired
    protected MeterRegistry meters;
    @Autowired
    protected EmbeddedKafkaBroker broker;
    @Autowired
    protected CircuitBreakerRegistry breakers;

    private final List<RingLifecycler> lifecyclers = new ArrayList<>();

    @BeforeEach
    void nodesUp() {
        if (lifecyclers.isEmpty()) {
            for (int i = 0; i < NODES.size(); i++) {
                RingLifecycler node = new RingLifecycler(store, membership, 3, "node-" + (i + 1), NODES.get(i).url(),
                        Clock.systemUTC());
                node.start();
                lifecyclers.add(node);
            }
            await().atMost(Duration.ofSeconds(2)).until(() -> ringView.ring().nodeCount() == 3);
        }
        NODES.forEach(FakeStorageNode::clear);
        // Each test starts with closed breakers, whatever the previous one did to them.
        breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
    }

    /** Stops a fake node's heartbeat: it leaves the ring view (DOWN) but keeps its tokens; its server keeps running. */
    protected void stopHeartbeat(int index) {
        lifecyclers.get(index).stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> !ringView.snapshot().isUp("node-" + (index + 1)));
    }

    /** Starts a fake node's heartbeat again after {@link #stopHeartbeat}. */
    protected void startHeartbeat(int index) {
        RingLifecycler node = new RingLifecycler(store, membership, 3, "node-" + (index + 1), NODES.get(index).url(),
                Clock.systemUTC());
        node.start();
        lifecyclers.set(index, node);
        await().atMost(Duration.ofSeconds(5)).until(() -> ringView.snapshot().isUp("node-" + (index + 1)));
    }

    /** Reads {@code topic} from the start until {@code done} holds for what was read, or fails after {@code timeout}. */
    protected List<ConsumerRecord<String, byte[]>> readTopic(String topic, Predicate<List<ConsumerRecord<String, byte[]>>> done,
                                                             Duration timeout) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "read-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            consumer.subscribe(List.of(topic));
            await().atMost(timeout).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return done.test(read);
            });
        }
        return read;
    }

    /** Everything on {@code topic} now (reads until the end offsets seen at the start). */
    protected List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "read-" + UUID.randomUUID(), false);
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
        try (Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(),
                new ByteArrayDeserializer()).createConsumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(read::add);
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
            });
        }
        return read;
    }

    @AfterAll
    void nodesDown() {
        lifecyclers.forEach(RingLifecycler::stop); // the fake nodes' servers live as long as the JVM
    }


    protected LogEntry entry(String key, String message) {
        return new LogEntry(UUID.randomUUID(), key, 0, Instant.now(), LogLevel.INFO, null, "svc", message, Map.of(), null);
    }

    protected void publish(LogEntry e, String consistency) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>("logs.ingest", e.partitionKey(), LogEntryCodec.encode(e));
        if (consistency != null) {
            record.headers().add("consistency", consistency.getBytes(StandardCharsets.US_ASCII));
        }
        kafka.send(record).join();
    }
}
