package com.logprocessor.support.membership;

import com.logprocessor.core.membership.Member;
import com.logprocessor.core.membership.RingEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** A store that passes every call to another; tests override one method to inject a fault. */
class ForwardingMembershipStore implements MembershipStore {

    private final MembershipStore delegate;

    ForwardingMembershipStore(MembershipStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<StoredMember> readAll() {
        return delegate.readAll();
    }

    @Override
    public Optional<List<Long>> tokensOf(String nodeId) {
        return delegate.tokensOf(nodeId);
    }

    @Override
    public void saveTokens(String nodeId, List<Long> tokens) {
        delegate.saveTokens(nodeId, tokens);
    }

    @Override
    public boolean heartbeat(Member member, Duration ttl) {
        return delegate.heartbeat(member, ttl);
    }

    @Override
    public void deregister(String nodeId) {
        delegate.deregister(nodeId);
    }

    @Override
    public boolean forget(String nodeId) {
        return delegate.forget(nodeId);
    }

    @Override
    public void publish(RingEvent event) {
        delegate.publish(event);
    }

    @Override
    public void subscribe(Consumer<RingEvent> listener, Runnable onSubscribed) {
        delegate.subscribe(listener, onSubscribed);
    }

    @Override
    public <T> T withJoinLock(Duration wait, Supplier<T> action) {
        return delegate.withJoinLock(wait, action);
    }
}
