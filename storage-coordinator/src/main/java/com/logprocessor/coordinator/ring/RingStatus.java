package com.logprocessor.coordinator.ring;

import com.logprocessor.coordinator.replication.ReplicaWriter;
import com.logprocessor.core.membership.Member;
import com.logprocessor.core.membership.MembershipSnapshot;
import com.logprocessor.core.ring.Ring;
import com.logprocessor.core.token.Token;
import com.logprocessor.support.membership.ReplicationProperties;
import com.logprocessor.support.membership.RingView;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The ring as operators see it: each known member with state, heartbeat, tokens, ownership, breaker. */
public class RingStatus {

    /**
     * One member. Ownership is the share of the token space it holds as primary, and as one of RF
     * replicas (what it stores), on the ring of every member: a DOWN node keeps its ranges (its
     * copies become hints) until it is forgotten.
     */
    public record MemberStatus(String nodeId, String url, String state, Double heartbeatAgeSeconds, int tokens,
                               double primaryOwnershipPercent, double replicatedOwnershipPercent, String breaker) {
    }

    /**
     * Where a key goes: its token, the owner of its range and its replicas in ring order, and which
     * of them are DOWN now (their copies of the key's new entries become hints).
     */
    public record KeyPlacement(String key, long token, String owner, List<String> replicas, List<String> down,
                               int replicationFactor) {
    }

    private final RingView ringView;
    private final ReplicaWriter writer;
    private final ReplicationProperties replication;
    private final Clock clock;

    public RingStatus(RingView ringView, ReplicaWriter writer, ReplicationProperties replication, Clock clock) {
        this.ringView = ringView;
        this.writer = writer;
        this.replication = replication;
        this.clock = clock;
    }

    public List<MemberStatus> members() {
        MembershipSnapshot snapshot = ringView.snapshot();
        Ring ring = snapshot.replicaRing();
        Map<String, Double> primary = ring.primaryOwnership();
        Map<String, Double> replicated = ring.replicatedOwnership(replication.factor());
        return snapshot.members().values().stream().map(m -> new MemberStatus(
                m.nodeId(), m.url(), m.state().name(), heartbeatAge(m), m.tokens().size(),
                percent(primary.getOrDefault(m.nodeId(), 0.0)), percent(replicated.getOrDefault(m.nodeId(), 0.0)),
                writer.breaker(m.nodeId()).getState().name())).toList();
    }

    public KeyPlacement placement(String key) {
        MembershipSnapshot snapshot = ringView.snapshot();
        Ring ring = snapshot.replicaRing();
        List<String> replicas = ring.preferenceList(key, replication.factor()).replicas();
        return new KeyPlacement(key, Token.hash(key), ring.ownerOf(key), replicas,
                replicas.stream().filter(node -> !snapshot.isUp(node)).toList(), replication.factor());
    }

    /** The ring of every member, UP or DOWN: where keys belong. */
    public Ring ring() {
        return ringView.snapshot().replicaRing();
    }

    public MembershipSnapshot snapshot() {
        return ringView.snapshot();
    }

    private Double heartbeatAge(Member m) {
        return m.heartbeatAt() == null ? null
                : Math.max(0, Duration.between(m.heartbeatAt(), clock.instant()).toMillis() / 1000.0);
    }

    private static double percent(double share) {
        return Math.round(share * 10_000) / 100.0;
    }
}
