package com.logprocessor.readrepair.testing;

import static org.awaitility.Awaitility.await;

import com.logprocessor.support.kafka.ReadRepairRecords;
import com.logprocessor.support.kafka.ReadRepairRecords.ReadRepairRequest;
import com.logprocessor.support.kafka.TopicsProperties;
import com.logprocessor.support.membership.MembershipProperties;
import com.logprocessor.support.membership.MembershipStore;
import com.logprocessor.support.membership.ReplicationProperties;
import com.logprocessor.support.membership.RingLifecycler;
import com.logprocessor.support.membership.RingView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the service's context tests share: fake storage nodes that join ring membership as a whole
 * cluster (and leave it, forgotten, after each test, so every test's entries have exactly its own
 * nodes as replicas), requests published the way a coordinator does ({@link ReadRepairRecords}),
 * and reads of the meters.
 */
@ReadRepairServiceTest
public abstract class RepairTestSupport {

    /** A fake storage node in the ring. */
    public record Node(String id, FakeStorageNode fake, RingLifecycler lifecycler) {
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected EmbeddedKafkaBroker broker;
    @Autowired
    protected TopicsProperties topics;
    @Autowired
    protected JsonMapper json;
    @Autowired
    protected MeterRegistry meters;
    @Autowired
    protected MembershipStore membershipStore;
    @Autowired
    protected MembershipProperties membership;
    @Autowired
    protected ReplicationProperties replication;
    @Autowired
    protected RingView ringView;

    private DefaultKafkaProducerFactory<String, byte[]> producers;
    private KafkaTemplate<String, byte[]> kafka;
    private final List<Node> nodes = new ArrayList<>();

    @AfterEach
    void forgetNodes() {
        for (Node node : nodes) {
            node.lifecycler().stop();
            membershipStore.forget(node.id());
            node.fake().close();
        }
        nodes.clear();
        ringView.refresh();
        if (producers != null) {
            producers.destroy();
        }
    }

    protected RestClient http() {
        return RestClient.create("http://127.0.0.1:" + port);
    }

    /** A cluster of RF ({@code replication.factor}) fake nodes, all UP: every key's replicas are all of them. */
    protected List<Node> cluster() {
        List<Node> cluster = new ArrayList<>();
        for (int i = 0; i < replication.factor(); i++) {
            FakeStorageNode fake = new FakeStorageNode(json);
            String id = Entries.unique("node" + (i + 1));
            RingLifecycler lifecycler = new RingLifecycler(membershipStore, membership, replication.factor(), id,
                    fake.url(), Clock.systemUTC());
            Node node = new Node(id, fake, lifecycler);
            nodes.add(node);
            lifecycler.start();
            cluster.add(node);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> cluster.stream().allMatch(n -> ringView.snapshot().isUp(n.id())));
        return cluster;
    }

    /** Leaves the ring gracefully: the node stays a known member, and a replica, DOWN. */
    protected void down(Node node) {
        node.lifecycler().stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> !ringView.snapshot().isUp(node.id())
                && ringView.snapshot().member(node.id()).isPresent());
    }

    /** Publishes a request as a coordinator does and waits for Kafka's ack. */
    protected void publish(ReadRepairRequest request) {
        publish(ReadRepairRecords.record(topics.readRepairs(), request, json));
    }

    protected void publish(ProducerRecord<String, byte[]> record) {
        kafka().send(record).join();
    }

    private synchronized KafkaTemplate<String, byte[]> kafka() {
        if (kafka == null) {
            producers = new DefaultKafkaProducerFactory<>(KafkaTestUtils.producerProps(broker),
                    new StringSerializer(), new ByteArraySerializer());
            kafka = new KafkaTemplate<>(producers);
        }
        return kafka;
    }

    protected double counter(String name, String... tags) {
        Counter c = meters.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    /** The sum of every series of a counter. */
    protected double total(String name) {
        return meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }
}
