package com.logprocessor.readrepair.testing;

import com.logprocessor.support.kafka.ReadRepairRecords;
import com.logprocessor.support.kafka.ReadRepairRecords.ReadRepairRequest;
import com.logprocessor.support.kafka.TopicsProperties;
import com.logprocessor.support.membership.ReplicationProperties;
import com.logprocessor.support.testing.FakeStorageNodes;
import com.logprocessor.support.testing.FakeStorageNodes.Node;
import com.logprocessor.support.testing.TestProducer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the service's context tests share: fake storage nodes that join ring membership as a whole
 * cluster ({@link FakeStorageNodes}: forgotten after each test, so every test's entries have exactly
 * its own nodes as replicas), requests published the way a coordinator does ({@link ReadRepairRecords}),
 * and reads of the meters.
 */
@ReadRepairServiceTest
public abstract class RepairTestSupport {

    @LocalServerPort
    protected int port;
    @Autowired
    protected TopicsProperties topics;
    @Autowired
    protected JsonMapper json;
    @Autowired
    protected MeterRegistry meters;
    @Autowired
    protected ReplicationProperties replication;
    @RegisterExtension
    protected final FakeStorageNodes fakeNodes = new FakeStorageNodes();

    @RegisterExtension
    protected final TestProducer kafka = new TestProducer();

    protected RestClient http() {
        return RestClient.create("http://127.0.0.1:" + port);
    }

    /** A cluster of RF ({@code replication.factor}) fake nodes, all UP: every key's replicas are all of them. */
    protected List<Node> cluster() {
        List<Node> cluster = new ArrayList<>();
        for (int i = 0; i < replication.factor(); i++) {
            cluster.add(fakeNodes.up(Entries.unique("node" + (i + 1))));
        }
        return cluster;
    }

    /** Leaves the ring gracefully: the node stays a known member, and a replica, DOWN. */
    protected void down(Node node) {
        fakeNodes.down(node);
    }

    /** Publishes a request as a coordinator does and waits for Kafka's ack. */
    protected void publish(ReadRepairRequest request) {
        publish(ReadRepairRecords.record(topics.readRepairs(), request, json));
    }

    protected void publish(ProducerRecord<String, byte[]> record) {
        kafka.send(record);
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
