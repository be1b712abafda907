package com.logprocessor.core.membership;

import java.time.Instant;
import java.util.List;

/**
 * A storage node as the cluster knows it: what it registers in membership (id, the URL it serves
 * on, its tokens, when it started) and when it last heartbeated.
 */
public record Member(
        String nodeId,
        String url,
        List<Long> tokens,
        MemberState state,
        Instant startedAt,
        Instant heartbeatAt) {

    public Member {
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }

    public long[] tokenArray() {
        return tokens.stream().mapToLong(Long::longValue).toArray();
    }

    public Member withState(MemberState newState) {
        return new Member(nodeId, url, tokens, newState, startedAt, heartbeatAt);
    }

    public Member withHeartbeat(Instant at) {
        return new Member(nodeId, url, tokens, state, startedAt, at);
    }
}
