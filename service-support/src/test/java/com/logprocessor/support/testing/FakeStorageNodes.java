package com.logprocessor.support.testing;

import static org.awaitility.Awaitility.await;

import com.logprocessor.support.membership.MembershipProperties;
import com.logprocessor.support.membership.MembershipStore;
import com.logprocessor.support.membership.ReplicationProperties;
import com.logprocessor.support.membership.RingLifecycler;
import com.logprocessor.support.membership.RingView;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * {@link FakeStorageNode}s for a service's context test, registered in ring membership as a real
 * storage node registers ({@link RingLifecycler}, heartbeating), so the service routes to them.
 *
 * <p>Declare it in a {@code @SpringBootTest} class as
 * {@code @RegisterExtension protected final FakeStorageNodes fakeNodes = new FakeStorageNodes();}: it
 * takes membership and the service's ring view from the test's context. After each test it stops
 * and forgets every member it registered (so each test's keys have exactly its own nodes as
 * replicas, and one test's nodes never linger in the next) and closes every fake.
 */
public class FakeStorageNodes implements BeforeEachCallback, AfterEachCallback {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A fake storage node registered in the ring under {@code id}. */
    public record Node(String id, FakeStorageNode fake, RingLifecycler lifecycler) {
        public String url() {
            return fake.url();
        }
    }

    private MembershipStore store;
    private MembershipProperties membership;
    private RingView ringView;
    private int replicationFactor;

    private final List<Node> heartbeating = new ArrayList<>();
    private final Set<String> registered = new LinkedHashSet<>();
    private final Set<FakeStorageNode> fakes = new LinkedHashSet<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        ApplicationContext spring = SpringExtension.getApplicationContext(context);
        store = spring.getBean(MembershipStore.class);
        membership = spring.getBean(MembershipProperties.class);
        ringView = spring.getBean(RingView.class);
        // The token allocator balances for the service's replication factor, as a real node's does.
        replicationFactor = spring.getBean(ReplicationProperties.class).factor();
    }

    /** A fake no ring member serves on (asked by URL, or brought {@link #up(String, FakeStorageNode) up} later). */
    public FakeStorageNode fake() {
        FakeStorageNode fake = new FakeStorageNode();
        fakes.add(fake);
        return fake;
    }

    /** A new fake registered UP as {@code id}, once the service's ring view sees it UP. */
    public Node up(String id) {
        return up(id, fake());
    }

    /**
     * Registers {@code id} UP at the fake's URL and waits until the service's ring view sees it UP.
     * The same fake and id may come up again after {@link #down(Node)}.
     */
    public Node up(String id, FakeStorageNode fake) {
        fakes.add(fake);
        RingLifecycler lifecycler = new RingLifecycler(store, membership, replicationFactor, id, fake.url(),
                Clock.systemUTC());
        Node node = new Node(id, fake, lifecycler);
        registered.add(id);
        heartbeating.add(node);
        lifecycler.start();
        await().atMost(WAIT).until(() -> ringView.snapshot().isUp(id));
        return node;
    }

    /** Leaves the ring gracefully, as a node shutting down does: it stays a known member (and a replica), DOWN. */
    public void down(Node node) {
        node.lifecycler().stop();
        heartbeating.remove(node);
        await().atMost(WAIT).until(() -> !ringView.snapshot().isUp(node.id())
                && ringView.snapshot().member(node.id()).isPresent());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        heartbeating.forEach(node -> node.lifecycler().stop());
        heartbeating.clear();
        registered.forEach(store::forget);
        registered.clear();
        fakes.forEach(FakeStorageNode::close);
        fakes.clear();
        ringView.refresh();
    }
}
