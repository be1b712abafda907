package com.logprocessor.hints.replay;

import com.logprocessor.core.membership.Member;
import com.logprocessor.core.membership.MembershipSnapshot;
import com.logprocessor.support.membership.MembershipChange;
import com.logprocessor.support.membership.RingView;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Decides when each node's hints are replayed: at once when a ring event shows the node came
 * back, every {@code hint.replay.check-interval} for every UP node (hints that arrive while their
 * node is UP, and a safety net for missed events), and when a failed batch's backoff ends. A
 * node's replay loop sends {@link ReplayBatch}es back to back while hints are due and the node is
 * UP; it stops at the first failure and holds the node until the failed hints are due again, so a
 * node that keeps failing gets one probe batch per backoff, not a new batch every check.
 *
 * <p>At most one loop per node in this instance; other instances may run their own on the same
 * node, and never send the same hint at the same time (see {@link ReplayBatch}).
 */
@Component
public class HintReplayer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HintReplayer.class);
    /** Past the computed due time, so the database (whose clock decides) agrees the hints are due. */
    private static final Duration RETRIGGER_SLACK = Duration.ofMillis(50);

    private final RingView ringView;
    private final ReplayBatch batches;
    private final HintProperties.Replay properties;
    private final Set<String> looping = ConcurrentHashMap.newKeySet();
    private final Set<String> again = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> heldUntilNanos = new ConcurrentHashMap<>();

    private ExecutorService loops;
    private ScheduledExecutorService ticker;
    private volatile boolean running;
    private boolean listening;

    public HintReplayer(RingView ringView, ReplayBatch batches, HintProperties properties) {
        this.ringView = ringView;
        this.batches = batches;
        this.properties = properties.replay();
    }

    @Override
    public synchronized void start() {
        loops = Executors.newFixedThreadPool(properties.concurrency(), daemon("hint-replay"));
        ticker = Executors.newSingleThreadScheduledExecutor(daemon("hint-replay-check"));
        running = true;
        if (!listening) {
            ringView.onChange(this::onRingChange);
            listening = true;
        }
        long interval = properties.checkInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::checkUpNodes, 0, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (loops != null) {
            // Interrupts a batch waiting for its node: its transaction rolls back, its hints are untouched.
            loops.shutdownNow();
            try {
                if (!loops.awaitTermination(10, TimeUnit.SECONDS)) {
                    log.warn("Replay loops did not stop within 10 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        looping.clear();
        again.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts replaying {@code node}'s due hints unless this instance already is (then it looks again after). */
    public void trigger(String node) {
        if (!running) {
            return;
        }
        if (!looping.add(node)) {
            again.add(node);
            return;
        }
        try {
            loops.execute(() -> run(node));
        } catch (RejectedExecutionException e) {
            looping.remove(node); // stopping
        }
    }

    /** Whether this instance is replaying to {@code node} now. */
    public boolean isReplaying(String node) {
        return looping.contains(node);
    }

    private void onRingChange(MembershipChange change) {
        for (String node : change.cameUp()) {
            // Back: whatever made its batches fail may be over. The hints' own next attempt times still apply.
            heldUntilNanos.remove(node);
            log.info("{} is UP: replaying its hints", node);
            trigger(node);
        }
    }

    private void checkUpNodes() {
        try {
            for (Member member : ringView.snapshot().up()) {
                trigger(member.nodeId());
            }
        } catch (RuntimeException e) {
            log.warn("Periodic replay check failed: {}", e.toString());
        }
    }

    private void run(String node) {
        try {
            replayWhileDue(node);
        } catch (RuntimeException e) {
            // PostgreSQL unreachable, most likely: try again after a pause rather than at every check.
            log.warn("Replay to {} stopped: {}", node, e.toString());
            hold(node, properties.firstBackoff());
        } finally {
            looping.remove(node);
            if (again.remove(node)) {
                trigger(node);
            }
        }
    }

    private void replayWhileDue(String node) {
        while (running && !Thread.currentThread().isInterrupted()) {
            Long held = heldUntilNanos.get(node);
            if (held != null) {
                if (held - System.nanoTime() > 0) {
                    return; // a trigger is scheduled for when the hold ends
                }
                heldUntilNanos.remove(node, held);
            }
            MembershipSnapshot snapshot = ringView.snapshot();
            Optional<String> url = snapshot.urlOf(node);
            if (!snapshot.isUp(node) || url.isEmpty()) {
                return; // replay resumes when it comes back
            }
            ReplayBatch.Outcome outcome = batches.replayNext(node, url.get());
            switch (outcome.result()) {
                case EMPTY, ABANDONED -> {
                    return;
                }
                case FAILED -> {
                    hold(node, outcome.retryAfter());
                    return;
                }
                case DELIVERED -> {
                    // next batch
                }
            }
        }
    }

    private void hold(String node, Duration duration) {
        Duration wait = duration.plus(RETRIGGER_SLACK);
        heldUntilNanos.put(node, System.nanoTime() + duration.toNanos());
        try {
            ticker.schedule(() -> trigger(node), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger threads = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
