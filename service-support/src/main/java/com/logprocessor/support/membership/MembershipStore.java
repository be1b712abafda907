package com.logprocessor.support.membership;

import com.logprocessor.core.membership.Member;
import com.logprocessor.core.membership.RingEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where membership lives (the KV store of dskit's ring): a permanent token registry, expiring
 * heartbeats, an event channel and a lock for joins. Redis in production; the interface keeps the
 * lifecycler and the watcher independent of it.
 */
public interface MembershipStore {

    /**
     * A member as stored: its registered tokens, and its last heartbeat with the time left before
     * it expires ({@code heartbeat} is null once expired).
     */
    record StoredMember(String nodeId, List<Long> tokens, Member heartbeat, long heartbeatTtlMillis) {
    }

    /** Every member whose tokens are registered, with its heartbeat if it has a live one. */
    List<StoredMember> readAll();

    Optional<List<Long>> tokensOf(String nodeId);

    void saveTokens(String nodeId, List<Long> tokens);

    /** Writes a heartbeat that expires after {@code ttl}; true if none was live before (a (re)join). */
    boolean heartbeat(Member member, Duration ttl);

    /** Removes a node's heartbeat at once (graceful shutdown); its tokens stay registered. */
    void deregister(String nodeId);

    /** Removes a dead node's tokens for good; false (and nothing removed) if it has a live heartbeat. */
    boolean forget(String nodeId);

    void publish(RingEvent event);

    /**
     * Calls {@code listener} for every event published by anyone once the subscription is live.
     * Subscribing is asynchronous and events published before it is live are lost, so
     * {@code onSubscribed} runs each time the subscription becomes live (first time and after a
     * reconnect): the moment to reload whatever state the caller may have missed.
     */
    void subscribe(Consumer<RingEvent> listener, Runnable onSubscribed);

    /** Runs {@code action} holding the cluster-wide join lock, waiting at most {@code wait} for it. */
    <T> T withJoinLock(Duration wait, Supplier<T> action);
}
