package com.logprocessor.antientropy.planning;

import com.logprocessor.core.membership.MembershipSnapshot;
import com.logprocessor.support.membership.MembershipChange;
import com.logprocessor.support.membership.RingView;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ring changes that leave a node missing data for sure get its NODE job at top priority: a node
 * that joined (it replicates ranges whose data is elsewhere), a node that came back (it missed
 * writes; hints cover most, this covers the rest), and, when a member is forgotten, every
 * remaining member (its ranges moved to them). The first load of the view is not a change.
 */
@Component
public class RingChanges {

    private static final Logger log = LoggerFactory.getLogger(RingChanges.class);

    private final Planner planner;

    public RingChanges(Planner planner, RingView ring) {
        this.planner = planner;
        ring.onChange(this::apply);
    }

    void apply(MembershipChange change) {
        MembershipSnapshot before = change.before();
        MembershipSnapshot after = change.after();
        if (before.members().isEmpty()) {
            return; // this instance's first view of the ring
        }
        try {
            for (String node : change.cameUp()) {
                String reason = before.members().containsKey(node) ? "node-returned" : "node-joined";
                log.info("{} {}: planning a NODE repair at top priority", node, reason);
                planner.node(node, reason, Priority.RING_CHANGE);
            }
            Set<String> forgotten = new TreeSet<>(before.members().keySet());
            forgotten.removeAll(after.members().keySet());
            if (!forgotten.isEmpty()) {
                log.info("{} forgotten: its ranges moved; planning NODE repairs of every remaining member", forgotten);
                planner.nodes(after.members().keySet(), "member-forgotten", Priority.RING_CHANGE);
            }
        } catch (RuntimeException e) {
            log.warn("Could not plan repairs after a ring change (the next cycle covers it): {}", e.toString());
        }
    }
}
