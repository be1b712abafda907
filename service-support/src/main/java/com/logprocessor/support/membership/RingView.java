package com.logprocessor.support.membership;

import com.logprocessor.core.membership.Member;
import com.logprocessor.core.membership.MemberState;
import com.logprocessor.core.membership.MembershipSnapshot;
import com.logprocessor.core.membership.RingEvent;
import com.logprocessor.core.ring.Ring;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A service's live view of the ring (dskit's ring client): reloads membership when a ring event
 * arrives, polls as a safety net, and drops a member as soon as its heartbeat deadline passes
 * (measured on this service's clock from the TTL Redis reports, so clock skew between hosts does
 * not matter). Readers take {@link #snapshot()} or {@link #ring()} and never lock.
 *
 * <p>All reloads run on one thread, so snapshots are published in order. Metrics:
 * {@code ring_members{state}}, {@code ring_event_propagation_seconds} (event published → applied
 * here) and {@code ring_failure_detection_seconds} (a dead member's last heartbeat → dropped here).
 */
public class RingView implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RingView.class);

    private final MembershipStore store;
    private final MembershipProperties properties;
    private final Clock clock;
    private final AtomicReference<MembershipSnapshot> current = new AtomicReference<>(MembershipSnapshot.EMPTY);
    private final List<Consumer<MembershipChange>> listeners = new CopyOnWriteArrayList<>();
    private final Timer propagation;
    private final Timer failureDetection;

    // Confined to the executor thread.
    private final Map<String, Long> deadlineNanos = new HashMap<>();
    private final Set<String> leftGracefully = new HashSet<>();

    private ScheduledExecutorService executor;
    private volatile boolean running;

    public RingView(MembershipStore store, MembershipProperties properties, MeterRegistry meters, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        this.propagation = Timer.builder("ring.event.propagation")
                .description("Time from a ring event being published to this service applying it")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.failureDetection = Timer.builder("ring.failure.detection")
                .description("Time from a dead member's last heartbeat to this service dropping it from the ring")
                .publishPercentiles(0.5, 0.99).register(meters);
        for (MemberState state : MemberState.values()) {
            Gauge.builder("ring.members", () -> current.get().members().values().stream()
                            .filter(m -> m.state() == state).count())
                    .tag("state", state.name()).description("Known members by state").register(meters);
        }
    }

    /** The current membership: every known member and the ring of the UP ones. */
    public MembershipSnapshot snapshot() {
        return current.get();
    }

    /** The ring of UP members. */
    public Ring ring() {
        return current.get().ring();
    }

    /** Called on the view's thread after every change, with the snapshots before and after. */
    public void onChange(Consumer<MembershipChange> listener) {
        listeners.add(listener);
    }

    /** Reloads now and returns the resulting snapshot (for operator actions and tests). */
    public MembershipSnapshot refresh() {
        if (executor == null) {
            reload();
            return snapshot();
        }
        try {
            executor.submit(this::reload).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not reload ring membership", e);
        }
        return snapshot();
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ring-view");
            t.setDaemon(true);
            return t;
        });
        // A member that joined after the first load but before the subscription was live would
        // otherwise wait for the next poll: reload once the subscription is confirmed.
        store.subscribe(event -> runOnViewThread(() -> apply(event)), () -> runOnViewThread(this::reloadQuietly));
        try {
            // Serve with a real view from the first request on (a failure here is retried by the poll).
            executor.submit(this::reloadQuietly).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warn("Initial ring membership load did not finish: {}", e.toString());
        }
        long poll = properties.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::reloadQuietly, poll, poll, TimeUnit.MILLISECONDS);
        long check = properties.expiryCheckInterval().toMillis();
        executor.scheduleWithFixedDelay(this::checkDeadlines, check, check, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void runOnViewThread(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // Stopping: nothing to keep up to date any more.
        }
    }

    private void apply(RingEvent event) {
        if (event.type() == RingEvent.Type.LEAVE || event.type() == RingEvent.Type.FORGET) {
            leftGracefully.add(event.nodeId());
        }
        reloadQuietly();
        Duration delay = Duration.between(event.at(), clock.instant());
        if (!delay.isNegative()) {
            propagation.record(delay);
        }
        log.info("Applied ring event {} {} after {} ms", event.type(), event.nodeId(), delay.toMillis());
    }

    private void checkDeadlines() {
        long now = System.nanoTime();
        if (deadlineNanos.values().stream().anyMatch(deadline -> deadline - now <= 0)) {
            reloadQuietly();
        }
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            log.warn("Could not reload ring membership (keeping the last view): {}", e.toString());
        }
    }

    private void reload() {
        List<MembershipStore.StoredMember> stored = store.readAll();
        long nowNanos = System.nanoTime();
        Instant now = clock.instant();
        MembershipSnapshot before = current.get();
        Map<String, Member> members = new HashMap<>();
        deadlineNanos.clear();
        for (MembershipStore.StoredMember s : stored) {
            if (s.heartbeat() != null && s.heartbeatTtlMillis() > 0) {
                Member hb = s.heartbeat();
                members.put(s.nodeId(), new Member(s.nodeId(), hb.url(), s.tokens(), MemberState.UP,
                        hb.startedAt(), hb.heartbeatAt()));
                deadlineNanos.put(s.nodeId(), nowNanos + TimeUnit.MILLISECONDS.toNanos(s.heartbeatTtlMillis()));
            } else {
                // Down: keep what we last knew of it (URL, last heartbeat) for operators.
                Member last = before.members().get(s.nodeId());
                members.put(s.nodeId(), last != null
                        ? new Member(s.nodeId(), last.url(), s.tokens(), MemberState.DOWN, last.startedAt(), last.heartbeatAt())
                        : new Member(s.nodeId(), null, s.tokens(), MemberState.DOWN, null, null));
            }
        }
        MembershipSnapshot after = new MembershipSnapshot(members, now);
        if (sameMembership(before, after)) {
            current.set(after); // fresher heartbeat times, same ring
            return;
        }
        current.set(after);
        MembershipChange change = new MembershipChange(before, after);
        for (String down : change.wentDown()) {
            Member last = before.members().get(down);
            if (!leftGracefully.remove(down) && last != null && last.heartbeatAt() != null) {
                failureDetection.record(Duration.between(last.heartbeatAt(), now));
            }
        }
        change.cameUp().forEach(leftGracefully::remove);
        log.info("Ring membership changed: up={} down={} (came up {}, went down {})",
                after.up().stream().map(Member::nodeId).toList(),
                after.down().stream().map(Member::nodeId).toList(), change.cameUp(), change.wentDown());
        for (Consumer<MembershipChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                log.warn("A ring change listener failed: {}", e.toString());
            }
        }
    }

    private static boolean sameMembership(MembershipSnapshot a, MembershipSnapshot b) {
        if (!a.members().keySet().equals(b.members().keySet())) {
            return false;
        }
        for (Member m : b.members().values()) {
            Member o = a.members().get(m.nodeId());
            if (o.state() != m.state() || !o.tokens().equals(m.tokens()) || !java.util.Objects.equals(o.url(), m.url())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int getPhase() {
        // Start early (before web traffic) and stop late.
        return Integer.MIN_VALUE + 1000;
    }
}
