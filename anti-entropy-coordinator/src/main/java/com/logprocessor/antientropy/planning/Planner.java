package com.logprocessor.antientropy.planning;

import com.logprocessor.support.antientropy.RepairJob;
import com.logprocessor.support.antientropy.JobKind;
import com.logprocessor.antientropy.jobs.JobStore;
import com.logprocessor.antientropy.jobs.JobStore.PlannedCycle;
import com.logprocessor.antientropy.jobs.JobWorkers;
import com.logprocessor.core.membership.MembershipSnapshot;
import com.logprocessor.support.membership.RingView;
import com.logprocessor.support.storage.NodeFanOut;
import com.logprocessor.support.storage.NodeFanOut.Answer;
import com.logprocessor.support.storage.StorageApi.CountResponse;
import com.logprocessor.support.storage.StorageNodeClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Plans jobs into the shared queue. A cycle is one PRIMARY_RANGES job per known member (UP or
 * DOWN: a down member's ranges still have other replicas to compare), so a cycle covers every
 * token range once, each with all of its replicas.
 *
 * <p>A periodic cycle is skipped when it could find nothing: every member is UP and answers with
 * the entry count and digest ({@code GET /api/storage/count}) it had when this instance planned
 * the previous periodic cycle, and every job of that cycle completed finding no partition whose
 * replicas differ. A cycle reads every partition of every node (on a node of 140,000 partitions,
 * three listings of about half a second of PostgreSQL each, and their parsing here), so an idle
 * cluster no longer pays that every interval; a write, a repair or a digest correction anywhere
 * changes a count or a digest and the next interval plans a cycle again. Under writes a cycle
 * cannot be skipped, so it rests instead: see {@link PlanningProperties#intensity()}.
 */
@Service
public class Planner {

    private static final Logger log = LoggerFactory.getLogger(Planner.class);
    private static final Duration TOTALS_DEADLINE = Duration.ofSeconds(5);

    private final JobStore store;
    private final JobWorkers workers;
    private final RingView ring;
    private final PlanningProperties properties;
    private final StorageNodeClient client;
    private final Clock clock;
    private final Counter skipped;
    /** The last periodic cycle this instance planned: its jobs, and every member's totals just before. */
    private final AtomicReference<Periodic> lastPeriodic = new AtomicReference<>();

    private record Periodic(List<Long> jobIds, Map<String, CountResponse> totals) {
    }

    public Planner(JobStore store, JobWorkers workers, RingView ring, PlanningProperties properties,
            StorageNodeClient client, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.workers = workers;
        this.ring = ring;
        this.properties = properties;
        this.client = client;
        this.clock = clock;
        this.skipped = Counter.builder("anti.entropy.cycles.skipped")
                .description("Periodic cycles not planned: no node's data changed since a cycle that found every"
                        + " replica in agreement")
                .register(meters);
    }

    /**
     * The periodic cycle, unless another instance started one less than nine tenths of an interval
     * ago (instances' timers drift; the tenth keeps two of them from both planning each interval).
     */
    public Optional<PlannedCycle> periodicCycle() {
        Map<String, CountResponse> totals = memberTotals();
        Periodic last = lastPeriodic.get();
        if (last != null && !totals.isEmpty() && last.totals().equals(totals) && store.foundNothing(last.jobIds())) {
            skipped.increment();
            log.debug("Periodic anti-entropy cycle skipped: no node changed since the last one found all replicas equal");
            return Optional.empty();
        }
        Duration gap = properties.interval().multipliedBy(9).dividedBy(10);
        Optional<PlannedCycle> cycle = cycle("periodic", gap, properties.restFactor(), Priority.CYCLE);
        cycle.ifPresent(c -> lastPeriodic.set(new Periodic(c.jobs().stream().map(RepairJob::id).toList(), totals)));
        return cycle;
    }

    /** Every member's entry count and digest; empty unless every member is UP and answered. */
    private Map<String, CountResponse> memberTotals() {
        MembershipSnapshot snapshot = ring.snapshot();
        if (snapshot.members().isEmpty() || snapshot.up().size() != snapshot.members().size()) {
            return Map.of();
        }
        Map<String, CountResponse> totals = new TreeMap<>();
        for (Answer<CountResponse> answer : NodeFanOut.call(snapshot, snapshot.members().keySet(),
                (node, url) -> client.count(url), clock, TOTALS_DEADLINE).values()) {
            if (!answer.ok()) {
                return Map.of();
            }
            totals.put(answer.node(), answer.value());
        }
        return totals;
    }

    /** A cycle now, whatever ran before (the operator's trigger). */
    public Optional<PlannedCycle> triggeredCycle() {
        return cycle("trigger", Duration.ZERO, 0, Priority.TRIGGER);
    }

    private Optional<PlannedCycle> cycle(String reason, Duration minGap, double restFactor, int priority) {
        Set<String> members = ring.snapshot().members().keySet();
        if (members.isEmpty()) {
            log.info("No ring members known: no anti-entropy cycle planned");
            return Optional.empty();
        }
        Optional<PlannedCycle> cycle = store.planCycle(reason, minGap, restFactor, members, priority);
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
