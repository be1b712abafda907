package com.logprocessor.antientropy.planning;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.antientropy.jobs.JobStore.PlannedCycle;
import com.logprocessor.antientropy.testing.AntiEntropyTest;
import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.core.version.LamportVersion;
import com.logprocessor.support.antientropy.RepairJob;
import com.logprocessor.support.testing.FakeStorageNodes;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A periodic cycle is skipped only while no node changed since one that completed finding every
 * replica equal; anything else (a cycle still running, one that found differences, a write on one
 * node) plans the next cycle as before.
 */
@AntiEntropyTest
class PeriodicCycleTest {

    @Autowired
    Planner planner;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;
    @RegisterExtension
    final FakeStorageNodes nodes = new FakeStorageNodes();

    @BeforeEach
    void emptyQueue() {
        jdbc.execute("TRUNCATE repair_jobs, anti_entropy_cycles RESTART IDENTITY");
    }

    private static LogEntry entry(String partitionKey, long sequence) {
        return new LogEntry(UUID.randomUUID(), partitionKey, sequence, Instant.parse("2026-12-07T10:00:00Z"),
                LogLevel.INFO, "10.0.0.1", "svc", "message " + sequence, Map.of(), new LamportVersion(1, "c"));
    }

    /**
     * The cycle's jobs settled as completed, having found this many differing partitions; the cycle
     * a second long and long past, so neither the gap nor the rest after it holds the next one back.
     */
    private void settle(PlannedCycle cycle, int differing) {
        for (RepairJob job : cycle.jobs()) {
            jdbc.update("UPDATE repair_jobs SET status = 'COMPLETED', finished_at = now(), partitions_differing = ?"
                    + " WHERE id = ?", differing, job.id());
        }
        ran(cycle, Duration.ofHours(1), Duration.ofSeconds(1));
    }

    /** Cycles started long ago, so the gap between periodic cycles does not hold the next one back. */
    private void pastTheGap() {
        jdbc.update("UPDATE anti_entropy_cycles SET started_at = now() - interval '1 hour'");
    }

    /** The cycle started {@code ago} and finished after {@code lasting}. */
    private void ran(PlannedCycle cycle, Duration ago, Duration lasting) {
        jdbc.update("UPDATE anti_entropy_cycles SET started_at = now() - ? * interval '1 millisecond',"
                + " finished_at = now() - ? * interval '1 millisecond' WHERE id = ?",
                ago.toMillis(), ago.minus(lasting).toMillis(), cycle.id());
    }

    private double skipped() {
        return meters.get("anti.entropy.cycles.skipped").counter().count();
    }

    @Test
    void aCycleIsSkippedOnlyWhileNothingChangedSinceOneThatFoundNothing() {
        FakeStorageNodes.Node a = nodes.up("storage-node-pc-1");
        FakeStorageNodes.Node b = nodes.up("storage-node-pc-2");
        LogEntry stored = entry("10.7.0.1", 1);
        a.fake().hold(stored);
        b.fake().hold(stored);
        double skippedBefore = skipped();

        PlannedCycle first = planner.periodicCycle().orElseThrow();
        // Still running: the next interval waits for it (a cycle planned now would run right after).
        pastTheGap();
        assertThat(planner.periodicCycle()).isEmpty();
        settle(first, 0);

        // Completed, nothing differing, no node changed: nothing to compare.
        assertThat(planner.periodicCycle()).isEmpty();
        assertThat(planner.periodicCycle()).isEmpty();
        assertThat(skipped()).isEqualTo(skippedBefore + 2);

        // A write on one node changes its count and digest: a cycle again.
        a.fake().hold(entry("10.7.0.1", 2));
        PlannedCycle second = planner.periodicCycle().orElseThrow();
        settle(second, 1);

        // That cycle found a differing partition: the next one runs even though nothing changed since.
        PlannedCycle third = planner.periodicCycle().orElseThrow();
        settle(third, 0);
        assertThat(planner.periodicCycle()).isEmpty();

        // A newer version of a stored entry leaves the count as it was but not the digest.
        b.fake().hold(new LogEntry(stored.id(), stored.partitionKey(), stored.sequence(), stored.timestamp(),
                stored.level(), stored.sourceIp(), stored.service(), stored.message(), stored.attributes(),
                new LamportVersion(2, "repair")));
        assertThat(planner.periodicCycle()).isPresent();
        assertThat(skipped()).isEqualTo(skippedBefore + 3);
    }

    /**
     * At the default intensity (0.1) a cycle that took {@code d} keeps the next periodic one back
     * until {@code 9 d} after it finished, whatever the interval; an operator's trigger is not held.
     */
    @Test
    void aPeriodicCycleRestsNineTimesAsLongAsTheLastOneTook() {
        nodes.up("storage-node-pr-1");
        PlannedCycle cycle = planner.periodicCycle().orElseThrow();
        settle(cycle, 1); // found a difference: nothing-changed skipping does not apply

        // 90 s long, finished 10 s ago: rests until 810 s after it finished.
        ran(cycle, Duration.ofSeconds(100), Duration.ofSeconds(90));
        assertThat(planner.periodicCycle()).isEmpty();
        // 90 s long, finished 800 s ago: still resting.
        ran(cycle, Duration.ofSeconds(890), Duration.ofSeconds(90));
        assertThat(planner.periodicCycle()).isEmpty();
        // 90 s long, finished 820 s ago: rested.
        ran(cycle, Duration.ofSeconds(910), Duration.ofSeconds(90));
        PlannedCycle next = planner.periodicCycle().orElseThrow();

        settle(next, 1);
        ran(next, Duration.ofSeconds(100), Duration.ofSeconds(90));
        assertThat(planner.periodicCycle()).isEmpty();
        assertThat(planner.triggeredCycle()).isPresent();
    }
}
