package com.logprocessor.support.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.core.membership.Member;
import com.logprocessor.core.membership.MemberState;
import com.logprocessor.core.membership.MembershipSnapshot;
import com.logprocessor.core.membership.RingEvent;
import com.logprocessor.support.testing.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import tools.jackson.databind.json.JsonMapper;

/** Membership against a real Redis: registration, events, expiry, restarts, forgetting. */
class RedisMembershipTest {

    /** Short timings so expiry is observable quickly; the defaults are 15 s / 5 s. */
    private final MembershipProperties properties = new MembershipProperties(
            150, "balanced", Duration.ofMillis(1500), Duration.ofMillis(300), Duration.ofSeconds(10),
            Duration.ofMillis(100), "test-" + UUID.randomUUID());

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<RingLifecycler> lifecyclers = new ArrayList<>();
    private TestRedis.Connection redis;

    @BeforeEach
    void connect() {
        redis = TestRedis.connect();
        closeables.add(redis);
    }

    @AfterEach
    void close() throws Exception {
        for (RingLifecycler l : lifecyclers) {
            if (l.isRunning()) {
                l.stop();
            }
        }
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private MembershipStore store() {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(redis.factory());
        container.afterPropertiesSet();
        container.start();
        closeables.add(container::destroy);
        return new RedisMembershipStore(redis.template(), container, JsonMapper.builder().build(), properties.keyPrefix());
    }

    private RingView view() {
        RingView view = new RingView(store(), properties, new SimpleMeterRegistry(), Clock.systemUTC());
        view.start();
        closeables.add(view::stop);
        return view;
    }

    /** Subscribes and returns once the subscription is live, so no event after this is missed. */
    private static List<RingEvent> subscribed(MembershipStore store) {
        List<RingEvent> events = new CopyOnWriteArrayList<>();
        AtomicBoolean live = new AtomicBoolean();
        store.subscribe(events::add, () -> live.set(true));
        await().atMost(Duration.ofSeconds(5)).untilTrue(live);
        return events;
    }

    private RingLifecycler node(String id) {
        RingLifecycler lifecycler = new RingLifecycler(store(), properties, 3, id, "http://127.0.0.1:1/" + id,
                Clock.systemUTC());
        lifecyclers.add(lifecycler);
        return lifecycler;
    }

    @Test
    void aNodeThatStartsIsInEveryViewWithinASecondWithItsTokens() {
        RingView view = view();
        RingLifecycler node = node("storage-node-1");
        node.start();
        await().atMost(Duration.ofSeconds(1)).until(() -> view.ring().contains("storage-node-1"));
        MembershipSnapshot snapshot = view.snapshot();
        assertThat(snapshot.ring().tokenCount()).isEqualTo(150);
        assertThat(snapshot.member("storage-node-1").orElseThrow().url()).isEqualTo("http://127.0.0.1:1/storage-node-1");
        assertThat(node.tokens()).hasSize(150);
    }

    @Test
    void nodesJoiningAtOnceGetDistinctBalancedTokens() throws Exception {
        RingView view = view();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> starts = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            RingLifecycler n = node("node-" + i);
            starts.add(pool.submit(n::start));
        }
        for (Future<?> f : starts) {
            f.get();
        }
        pool.shutdown();
        await().atMost(Duration.ofSeconds(2)).until(() -> view.ring().nodeCount() == 3);
        Set<Long> all = new HashSet<>();
        lifecyclers.forEach(l -> all.addAll(l.tokens()));
        assertThat(all).hasSize(450);
        Map<String, Double> ownership = view.ring().primaryOwnership();
        ownership.values().forEach(share -> assertThat(share).isBetween(0.33, 0.3367));
    }

    @Test
    void aGracefulStopLeavesAtOnceAndARestartKeepsTheTokens() {
        RingView view = view();
        RingLifecycler first = node("storage-node-2");
        first.start();
        List<Long> tokens = first.tokens();
        await().atMost(Duration.ofSeconds(1)).until(() -> view.ring().contains("storage-node-2"));

        first.stop();
        await().atMost(Duration.ofSeconds(1)).until(() -> !view.ring().contains("storage-node-2"));
        assertThat(view.snapshot().member("storage-node-2").orElseThrow().state()).isEqualTo(MemberState.DOWN);

        RingLifecycler again = node("storage-node-2");
        again.start();
        await().atMost(Duration.ofSeconds(1)).until(() -> view.ring().contains("storage-node-2"));
        assertThat(again.tokens()).isEqualTo(tokens);
    }

    @Test
    void aCrashedNodeLeavesTheRingWithinItsTtl() {
        RingView view = view();
        RingLifecycler node = node("crashy");
        node.start();
        await().atMost(Duration.ofSeconds(1)).until(() -> view.ring().contains("crashy"));
        long crashedAt = System.nanoTime();
        node.haltWithoutLeaving(); // like kill -9: no deregistration
        await().atMost(properties.heartbeatTtl().plusSeconds(1)).until(() -> !view.ring().contains("crashy"));
        assertThat(Duration.ofNanos(System.nanoTime() - crashedAt))
                .isLessThanOrEqualTo(properties.heartbeatTtl().plus(properties.expiryCheckInterval()).plusMillis(500));
        assertThat(view.snapshot().down()).extracting(m -> m.nodeId()).containsExactly("crashy");
    }

    @Test
    void aNodeReRegistersWhenRedisLosesItsData() {
        RingView view = view();
        RingLifecycler node = node("resilient");
        node.start();
        List<Long> tokens = node.tokens();
        await().atMost(Duration.ofSeconds(1)).until(() -> view.ring().contains("resilient"));
        MembershipStore store = store();
        List<RingEvent> events = subscribed(store);
        redis.template().delete(redis.template().keys(properties.keyPrefix() + ":*"));
        assertThat(store.tokensOf("resilient")).isEmpty();
        // The next heartbeat finds its key gone: it registers the same tokens again and says JOIN.
        await().atMost(Duration.ofSeconds(3)).until(() -> store.tokensOf("resilient").isPresent());
        assertThat(store.tokensOf("resilient")).contains(tokens);
        await().atMost(Duration.ofSeconds(1)).until(() -> events.stream()
                .anyMatch(e -> e.type() == RingEvent.Type.JOIN && e.nodeId().equals("resilient")));
        assertThat(view.refresh().member("resilient").orElseThrow().tokens()).isEqualTo(tokens);
        assertThat(view.ring().contains("resilient")).isTrue();
    }

    @Test
    void onlyADownNodeCanBeForgotten() {
        RingView view = view();
        MembershipStore store = store();
        List<RingEvent> events = subscribed(store);
        RingLifecycler node = node("old");
        node.start();
        assertThat(store.forget("old")).isFalse();
        node.stop();
        assertThat(store.forget("old")).isTrue();
        store.publish(new RingEvent(RingEvent.Type.FORGET, "old", Clock.systemUTC().instant()));
        await().atMost(Duration.ofSeconds(1)).until(() -> view.snapshot().member("old").isEmpty());
        assertThat(store.tokensOf("old")).isEmpty();
        await().atMost(Duration.ofSeconds(1)).until(() -> events.stream().map(RingEvent::type).toList()
                .containsAll(List.of(RingEvent.Type.JOIN, RingEvent.Type.LEAVE, RingEvent.Type.FORGET)));
    }

    @Test
    void theViewReloadsWhenItsSubscriptionGoesLiveSoAJoinInTheGapIsNotMissed() {
        // Subscribing is asynchronous: a node that joins after the view's first load but before
        // SUBSCRIBE is confirmed publishes its JOIN to nobody. Model that gap: register a member
        // without an event, then confirm the subscription.
        MembershipStore redisStore = store();
        AtomicReference<Runnable> confirm = new AtomicReference<>();
        MembershipStore gapStore = new ForwardingMembershipStore(redisStore) {
            @Override
            public void subscribe(Consumer<RingEvent> listener, Runnable onSubscribed) {
                confirm.set(onSubscribed);
            }
        };
        RingView view = new RingView(gapStore, properties, new SimpleMeterRegistry(), Clock.systemUTC());
        view.start();
        closeables.add(view::stop);

        Clock clock = Clock.systemUTC();
        redisStore.saveTokens("quiet-joiner", List.of(1L, 2L, 3L));
        redisStore.heartbeat(new Member("quiet-joiner", "http://127.0.0.1:1/q", List.of(1L, 2L, 3L), MemberState.UP,
                clock.instant(), clock.instant()), Duration.ofMinutes(1));
        assertThat(view.snapshot().member("quiet-joiner")).as("no event, no poll yet").isEmpty();

        confirm.get().run();
        await().atMost(Duration.ofSeconds(2)).until(() -> view.ring().contains("quiet-joiner"));
    }
}
