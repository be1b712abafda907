package com.logprocessor.support.membership;

import com.logprocessor.core.membership.Member;
import com.logprocessor.core.membership.MemberState;
import com.logprocessor.core.membership.RingEvent;
import com.logprocessor.core.ring.Ring;
import com.logprocessor.core.ring.allocation.TokenAllocator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A storage node's membership (dskit's lifecycler): on start it takes its tokens (the ones it
 * registered before, or new ones from the allocator under the join lock), heartbeats every
 * {@code ring.heartbeat-interval} with a {@code ring.heartbeat-ttl} expiry, and announces JOIN; on
 * graceful shutdown it deregisters at once and announces LEAVE. If Redis is unreachable it keeps
 * trying: a heartbeat that finds its key gone (Redis restarted, or the node was paused past its
 * TTL) re-registers the tokens and announces JOIN again.
 *
 * <p>It starts after the web server (it should only be routed to once it serves) and stops before
 * it, so coordinators stop routing to it before it stops answering.
 */
public class RingLifecycler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RingLifecycler.class);
    private static final Duration JOIN_LOCK_WAIT = Duration.ofSeconds(60);

    private final MembershipStore store;
    private final MembershipProperties properties;
    private final TokenAllocator allocator;
    private final String nodeId;
    private final Supplier<String> url;
    private final Clock clock;

    private ScheduledExecutorService executor;
    private volatile List<Long> tokens;
    private volatile Instant startedAt;
    private volatile boolean running;

    public RingLifecycler(MembershipStore store, MembershipProperties properties, int replicationFactor,
                          String nodeId, String url, Clock clock) {
        this(store, properties, replicationFactor, nodeId, () -> url, clock);
    }

    /** With the URL known only once the web server runs (e.g. on a random port). */
    public RingLifecycler(MembershipStore store, MembershipProperties properties, int replicationFactor,
                          String nodeId, Supplier<String> url, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.allocator = TokenAllocator.named(properties.allocator(), replicationFactor);
        this.nodeId = nodeId;
        this.url = url;
        this.clock = clock;
    }

    @Override
    public void start() {
        startedAt = clock.instant();
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ring-lifecycler");
            t.setDaemon(true);
            return t;
        });
        // Join on the caller's thread when Redis answers, so the node is in the ring once started.
        heartbeatQuietly();
        long interval = properties.heartbeatInterval().toMillis();
        executor.scheduleWithFixedDelay(this::heartbeatQuietly, interval, interval, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            store.deregister(nodeId);
            store.publish(new RingEvent(RingEvent.Type.LEAVE, nodeId, clock.instant()));
            log.info("{} left the ring", nodeId);
        } catch (RuntimeException e) {
            log.warn("Could not deregister {} (its heartbeat will expire instead): {}", nodeId, e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    /** Stops heartbeating without deregistering, as a crash would (for tests of failure detection). */
    void haltWithoutLeaving() {
        running = false;
        executor.shutdownNow();
    }

    /** The node's tokens, once it has joined. */
    public List<Long> tokens() {
        return tokens;
    }

    public String nodeId() {
        return nodeId;
    }

    private synchronized void heartbeatQuietly() {
        try {
            heartbeat();
        } catch (RuntimeException e) {
            log.warn("{} could not heartbeat (will retry): {}", nodeId, e.toString());
        }
    }

    private void heartbeat() {
        if (tokens == null) {
            tokens = joinTokens();
        }
        Member member = new Member(nodeId, url.get(), tokens, MemberState.UP, startedAt, clock.instant());
        boolean joined = store.heartbeat(member, properties.heartbeatTtl());
        if (joined) {
            store.saveTokens(nodeId, tokens); // idempotent; restores them if Redis lost its data
            store.publish(new RingEvent(RingEvent.Type.JOIN, nodeId, clock.instant()));
            log.info("{} joined the ring at {} with {} tokens", nodeId, member.url(), tokens.size());
        }
    }

    /** The tokens registered for this node, or new ones from the allocator (under the join lock). */
    private List<Long> joinTokens() {
        return store.tokensOf(nodeId).map(existing -> {
            if (existing.size() != properties.vnodes()) {
                log.warn("{} keeps its {} registered tokens although ring.vnodes is {} "
                        + "(forget the node to re-allocate)", nodeId, existing.size(), properties.vnodes());
            }
            return existing;
        }).orElseGet(() -> store.withJoinLock(JOIN_LOCK_WAIT, () -> store.tokensOf(nodeId).orElseGet(() -> {
            // Allocate against every registered node, up or down: a down node keeps its tokens.
            Map<String, List<Long>> registered = new TreeMap<>();
            store.readAll().forEach(m -> registered.put(m.nodeId(), m.tokens()));
            long[] fresh = allocator.allocate(Ring.of(registered), nodeId, properties.vnodes());
            List<Long> allocated = Arrays.stream(fresh).boxed().toList();
            store.saveTokens(nodeId, allocated);
            log.info("{} allocated {} tokens with the {} allocator", nodeId, allocated.size(), properties.allocator());
            return allocated;
        })));
    }
}
