package com.logprocessor.antientropy.planning;

import com.logprocessor.support.antientropy.RepairJob;
import com.logprocessor.support.antientropy.JobKind;
import com.logprocessor.antientropy.jobs.JobStore;
import com.logprocessor.antientropy.jobs.JobStore.PlannedCycle;
import com.logprocessor.antientropy.jobs.JobWorkers;
import com.logprocessor.support.membership.RingView;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Plans jobs into the shared queue. A cycle is one PRIMARY_RANGES job per known member (UP or
 * DOWN: a down member's ranges still have other replicas to compare), so a cycle covers every
 * token range once, each with all of its replicas.
 */
@Service
public class Planner {

    private static final Logger log = LoggerFactory.getLogger(Planner.class);

    private final JobStore store;
    private final JobWorkers workers;
    private final RingView ring;
    private final PlanningProperties properties;

    public Planner(JobStore store, JobWorkers workers, RingView ring, PlanningProperties properties) {
        this.store = store;
        this.workers = workers;
        this.ring = ring;
        this.properties = properties;
    }

    /**
     * The periodic cycle, unless another instance started one less than nine tenths of an interval
     * ago (instances' timers drift; the tenth keeps two of them from both planning each interval).
     */
    public Optional<PlannedCycle> periodicCycle() {
        Duration gap = properties.interval().multipliedBy(9).dividedBy(10);
        return cycle("periodic", gap, Priority.CYCLE);
    }

    /** A cycle now, whatever ran before (the operator's trigger). */
    public Optional<PlannedCycle> triggeredCycle() {
        return cycle("trigger", Duration.ZERO, Priority.TRIGGER);
    }

    private Optional<PlannedCycle> cycle(String reason, Duration minGap, int priority) {
        Set<String> members = ring.snapshot().members().keySet();
        if (members.isEmpty()) {
            log.info("No ring members known: no anti-entropy cycle planned");
            return Optional.empty();
        }
        Optional<PlannedCycle> cycle = store.planCycle(reason, minGap, members, priority);
        cycle.ifPresent(c -> {
            log.info("Anti-entropy cycle {} ({}) planned: {} jobs", c.id(), reason, c.jobs().size());
            workers.wakeUp();
        });
        return cycle;
    }

    /** Every range {@code node} replicates, compared with the other replicas. */
    public RepairJob node(String node, String reason, int priority) {
        RepairJob job = store.enqueue(null, JobKind.NODE, node, reason, priority);
        workers.wakeUp();
        return job;
    }

    public RepairJob partition(String partitionKey, String reason, int priority) {
        RepairJob job = store.enqueue(null, JobKind.PARTITION, partitionKey, reason, priority);
        workers.wakeUp();
        return job;
    }

    /** NODE jobs for several nodes (a forgotten member's ranges moved to them). */
    public List<RepairJob> nodes(Set<String> nodes, String reason, int priority) {
        return nodes.stream().sorted().map(n -> node(n, reason, priority)).toList();
    }
}
