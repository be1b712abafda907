package com.logprocessor.core.consistency;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The replies of one entry's replicas to one write at a consistency level, and what they add up
 * to. A replica either acknowledged, could not be reached (down, timed out, circuit open, its
 * database gone: a later attempt may succeed), or refused (it answered that it will never take
 * this entry: a conflict or a rejected request). Replicas the ring is short of (fewer members than
 * RF) count as unreachable: a member joining would supply them.
 *
 * <p>Invariant: {@link #outcome()} is {@link Outcome#MET} iff acknowledgements reach
 * {@code level.required(rf)}; otherwise {@link Outcome#UNAVAILABLE} iff the unreachable replicas
 * answering would still meet it (wait and try again), else {@link Outcome#REFUSED} (it never can).
 */
public final class AckTally {

    /** One replica's reply. */
    public enum Reply {
        ACK,
        UNREACHABLE,
        REFUSED
    }

    /** What the replies add up to. */
    public enum Outcome {
        MET,
        UNAVAILABLE,
        REFUSED
    }

    private final ConsistencyLevel level;
    private final int rf;
    private final Map<String, Reply> replies = new LinkedHashMap<>();

    /** A tally for {@code replicas} (the preference list: at most {@code rf} nodes) at {@code level}. */
    public AckTally(ConsistencyLevel level, int rf, List<String> replicas) {
        if (replicas.size() > rf) {
            throw new IllegalArgumentException(replicas.size() + " replicas for replication factor " + rf);
        }
        this.level = level;
        this.rf = rf;
        for (String r : replicas) {
            replies.put(r, Reply.UNREACHABLE);
        }
    }

    /** Records a replica's reply (a replica not asked stays unreachable). */
    public AckTally record(String replica, Reply reply) {
        if (!replies.containsKey(replica)) {
            throw new IllegalArgumentException(replica + " is not a replica here: " + replies.keySet());
        }
        replies.put(replica, reply);
        return this;
    }

    public int required() {
        return level.required(rf);
    }

    public int acks() {
        return count(Reply.ACK);
    }

    public Outcome outcome() {
        int acks = acks();
        if (level.isMet(acks, rf)) {
            return Outcome.MET;
        }
        int couldStillAnswer = count(Reply.UNREACHABLE) + (rf - replies.size());
        return level.isReachable(acks, couldStillAnswer, rf) ? Outcome.UNAVAILABLE : Outcome.REFUSED;
    }

    /** Replicas that did not acknowledge but may later (they get hints when the level is met). */
    public List<String> unreachable() {
        return with(Reply.UNREACHABLE);
    }

    public List<String> refused() {
        return with(Reply.REFUSED);
    }

    public List<String> acknowledged() {
        return with(Reply.ACK);
    }

    /** E.g. "1 of 3 replicas acknowledged; QUORUM needs 2 (unreachable: [b, c])". */
    public String describe() {
        StringBuilder s = new StringBuilder().append(acks()).append(" of ").append(rf)
                .append(" replicas acknowledged; ").append(level).append(" needs ").append(required());
        if (!unreachable().isEmpty() || replies.size() < rf) {
            s.append(" (unreachable: ").append(unreachable());
            if (replies.size() < rf) {
                s.append(", ring holds only ").append(replies.size()).append(" node(s)");
            }
            s.append(')');
        }
        if (!refused().isEmpty()) {
            s.append(" (refused: ").append(refused()).append(')');
        }
        return s.toString();
    }

    private int count(Reply reply) {
        int n = 0;
        for (Reply r : replies.values()) {
            if (r == reply) {
                n++;
            }
        }
        return n;
    }

    private List<String> with(Reply reply) {
        List<String> nodes = new ArrayList<>();
        replies.forEach((node, r) -> {
            if (r == reply) {
                nodes.add(node);
            }
        });
        return nodes;
    }
}
