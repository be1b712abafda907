package com.logprocessor.core.membership;

import com.logprocessor.core.ring.Ring;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one service knows of the cluster at one moment: every known member (UP or DOWN) and the
 * ring of the UP ones. Immutable; a membership change publishes a new snapshot.
 */
public final class MembershipSnapshot {

    public static final MembershipSnapshot EMPTY = new MembershipSnapshot(Map.of(), Instant.EPOCH);

    private final Map<String, Member> members;
    private final Ring ring;
    private final Instant takenAt;

    public MembershipSnapshot(Map<String, Member> members, Instant takenAt) {
        this.members = Collections.unmodifiableMap(new TreeMap<>(members));
        this.takenAt = takenAt;
        Map<String, List<Long>> upTokens = new TreeMap<>();
        members.values().stream()
                .filter(m -> m.state() == MemberState.UP)
                .forEach(m -> upTokens.put(m.nodeId(), m.tokens()));
        this.ring = Ring.of(upTokens);
    }

    /** The ring of the members that are UP: what writes and reads are routed over. */
    public Ring ring() {
        return ring;
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
