package com.logprocessor.hints.testing;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.support.kafka.HintRecords;
import com.logprocessor.support.kafka.TopicsProperties;
import com.logprocessor.support.membership.RingView;
import com.logprocessor.support.testing.FakeStorageNode;
import com.logprocessor.support.testing.FakeStorageNodes;
import com.logprocessor.support.testing.FakeStorageNodes.Node;
import com.logprocessor.support.testing.TestProducer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

/**
 * What the hint manager's context tests share: publishing hints the way a coordinator does
 * ({@link HintRecords}), fake storage nodes that join and leave ring membership ({@link FakeStorageNodes}),
 * and reads of the hint table and the meters.
 */
@HintManagerTest
public abstract class HandoffTestSupport {

    @LocalServerPort
    protected int port;
    @Autowired
    protected TopicsProperties topics;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected MeterRegistry meters;
    @Autowired
    protected RingView ringView;
    @RegisterExtension
    protected final FakeStorageNodes fakeNodes = new FakeStorageNodes();

    @RegisterExtension
    protected final TestProducer kafka = new TestProducer();

    protected RestClient http() {
        return RestClient.create("http://127.0.0.1:" + port);
    }

    protected FakeStorageNode fakeNode() {
        return fakeNodes.fake();
    }

    /** Publishes a hint for {@code node}, created at {@code createdAtMillis}, and waits for Kafka's ack. */
    protected void publish(String node, LogEntry entry, long createdAtMillis) {
        publish(HintRecords.record(topics.hints(), node, Hints.encode(entry), createdAtMillis));
    }

    protected void publish(String node, LogEntry entry) {
        publish(node, entry, System.currentTimeMillis());
    }

    protected void publish(ProducerRecord<String, byte[]> record) {
        kafka.send(record);
    }


    /** Registers {@code node} at the fake's URL in ring membership (UP) and waits until the ring view sees it. */
    protected Node up(String node, FakeStorageNode fake) {
        return fakeNodes.up(node, fake);
    }

    /** Leaves the ring gracefully: the node stays a known member, DOWN. */
    protected void down(Node node) {
        fakeNodes.down(node);
    }

    protected int rows(String node) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM hints WHERE target_node = ?", Integer.class, node);
        return n == null ? 0 : n;
    }

    protected double counter(String name, String... tags) {
        Counter c = meters.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }
}
