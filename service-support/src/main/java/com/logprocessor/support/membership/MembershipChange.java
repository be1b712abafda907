package com.logprocessor.support.membership;

import com.logprocessor.core.membership.MembershipSnapshot;
import java.util.Set;
import java.util.TreeSet;

/** Two consecutive snapshots one service saw, and which nodes came up or went down between them. */
public record MembershipChange(MembershipSnapshot before, MembershipSnapshot after) {

    /** Nodes UP now that were not UP before (joined or came back). */
    public Set<String> cameUp() {
        Set<String> out = new TreeSet<>();
        after.up().forEach(m -> {
            if (!before.isUp(m.nodeId())) {
                out.add(m.nodeId());
            }
        });
        return out;
    }

    /** Nodes UP before that are not UP now (died, left or were forgotten). */
    public Set<String> wentDown() {
        Set<String> out = new TreeSet<>();
        before.up().forEach(m -> {
            if (!after.isUp(m.nodeId())) {
                out.add(m.nodeId());
            }
        });
        return out;
    }
}
