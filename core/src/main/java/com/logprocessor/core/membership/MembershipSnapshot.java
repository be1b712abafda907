package com.logprocessor.core.membership;

import com.logprocessor.core.ring.Ring;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one service knows of the cluster at one moment: every known member (UP or DOWN), the ring
 * of every member ({@link #replicaRing()}: where each key's copies belong) and the ring of the UP
 * ones ({@link #ring()}). Immutable; a membership change publishes a new snapshot.
 */
public final class MembershipSnapshot {

    public static final MembershipSnapshot EMPTY = new MembershipSnapshot(Map.of(), Instant.EPOCH);

    private final Map<String, Member> members;
    private final Ring ring;
    private final Ring replicaRing;
    private final Instant takenAt;

    public MembershipSnapshot(Map<String, Member> members, Instant takenAt) {
        this.members = Collections.unmodifiableMap(new TreeMap<>(members));
        this.takenAt = takenAt;
        Map<String, List<Long>> upTokens = new TreeMap<>();
        Map<String, List<Long>> allTokens = new TreeMap<>();
        members.values().forEach(m -> {
            allTokens.put(m.nodeId(), m.tokens());
            if (m.state() == MemberState.UP) {
                upTokens.put(m.nodeId(), m.tokens());
            }
        });
        this.ring = Ring.of(upTokens);
        this.replicaRing = upTokens.size() == allTokens.size() ? ring : Ring.of(allTokens);
    }

    /**
     * The ring of the members that are UP: who is reachable now (distribution, scatter-gather
     * queries). Not where a key's copies belong: see {@link #replicaRing()}.
     */
    public Ring ring() {
        return ring;
    }

    /**
     * The ring of every known member, UP or DOWN: a key's replicas are its preference list on this
     * ring (Cassandra's natural endpoints). A DOWN member stays a replica of its ranges, so writes
     * it misses become hints for it and the level counts it as not answering, instead of the next
     * node clockwise silently standing in; only forgetting a member moves its ranges.
     */
    public Ring replicaRing() {
        return replicaRing;
    }

    /** Every known member, UP or DOWN, by id. */
    public Map<String, Member> members() {
        return members;
    }

    public Optional<Member> member(String nodeId) {
        return Optional.ofNullable(members.get(nodeId));
    }

    public boolean isUp(String nodeId) {
        Member m = members.get(nodeId);
        return m != null && m.state() == MemberState.UP;
    }

    /** The URL a node serves on, if it is known. */
    public Optional<String> urlOf(String nodeId) {
        return member(nodeId).map(Member::url);
    }

    public List<Member> up() {
        return members.values().stream().filter(m -> m.state() == MemberState.UP).toList();
    }

    public List<Member> down() {
        return members.values().stream().filter(m -> m.state() == MemberState.DOWN).toList();
    }

    public Instant takenAt() {
        return takenAt;
    }
}
