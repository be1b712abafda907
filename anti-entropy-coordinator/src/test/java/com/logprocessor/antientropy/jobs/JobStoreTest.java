package com.logprocessor.antientropy.jobs;

import com.logprocessor.support.antientropy.RepairJob;
import com.logprocessor.support.antientropy.JobCounts;
import com.logprocessor.support.antientropy.JobKind;
import com.logprocessor.support.antientropy.JobStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.antientropy.testing.AntiEntropyTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The shared queue on a real PostgreSQL: claiming, leases, retries, cycles. */
@AntiEntropyTest
class JobStoreTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Autowired
    JobStore store;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void emptyQueue() {
        jdbc.execute("TRUNCATE repair_jobs, anti_entropy_cycles RESTART IDENTITY");
    }

    @Test
    void theSameWorkQueuedTwiceIsOnePendingJobWithTheHigherPriority() {
        RepairJob first = store.enqueue(null, JobKind.NODE, "storage-node-1", "periodic", 100);
        RepairJob second = store.enqueue(null, JobKind.NODE, "storage-node-1", "node-returned", 0);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.priority()).isZero();
        assertThat(second.reason()).isEqualTo("node-returned");
        RepairJob third = store.enqueue(null, JobKind.NODE, "storage-node-1", "trigger", 20);
        assertThat(third.priority()).as("a lower priority never demotes it").isZero();
        assertThat(store.enqueue(null, JobKind.PARTITION, "storage-node-1", "trigger", 20).id())
                .as("another kind is other work").isNotEqualTo(first.id());
    }

    @Test
    void jobsAreClaimedInPriorityOrderAndNeverTwoOnOneSubjectAtOnce() {
        RepairJob low = store.enqueue(null, JobKind.PRIMARY_RANGES, "storage-node-1", "periodic", 100);
        RepairJob high = store.enqueue(null, JobKind.NODE, "storage-node-2", "node-joined", 0);
        assertThat(store.claim("w1", LEASE, Set.of())).map(RepairJob::id).contains(high.id());
        RepairJob running = store.claim("w1", LEASE, Set.of()).orElseThrow();
        assertThat(running.id()).isEqualTo(low.id());
        assertThat(running.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(running.attempts()).isEqualTo(1);
        assertThat(running.claimedBy()).isEqualTo("w1");

        // The same work queued again while it runs waits until the running one settles.
        RepairJob again = store.enqueue(null, JobKind.PRIMARY_RANGES, "storage-node-1", "trigger", 20);
        assertThat(again.id()).isNotEqualTo(low.id());
        assertThat(store.claim("w2", LEASE, Set.of())).isEmpty();
        assertThat(store.complete(low.id(), "w1", JobCounts.NONE)).isTrue();
        assertThat(store.claim("w2", LEASE, Set.of())).map(RepairJob::id).contains(again.id());
    }

    @Test
    void aDownNodesJobWaitsPendingUntilItIsBackWhileOtherWorkGoesOn() {
        RepairJob waiting = store.enqueue(null, JobKind.NODE, "storage-node-3", "hints-expired", 10);
        RepairJob other = store.enqueue(null, JobKind.PARTITION, "storage-node-3", "trigger", 20);
        assertThat(store.claim("w1", LEASE, Set.of("storage-node-3"))).map(RepairJob::id).contains(other.id());
        assertThat(store.claim("w1", LEASE, Set.of("storage-node-3"))).isEmpty();
        // Its return queues a job that joins the waiting one, which then runs first.
        assertThat(store.enqueue(null, JobKind.NODE, "storage-node-3", "node-returned", 0).id()).isEqualTo(waiting.id());
        RepairJob claimed = store.claim("w1", LEASE, Set.of()).orElseThrow();
        assertThat(claimed.id()).isEqualTo(waiting.id());
        assertThat(claimed.reason()).isEqualTo("node-returned");
    }

    @Test
    void concurrentWorkersNeverClaimTheSameJob() throws Exception {
        for (int i = 0; i < 40; i++) {
            store.enqueue(null, JobKind.PARTITION, "key-" + i, "trigger", 20);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            String worker = "w" + w;
            workers.add(pool.submit(() -> {
                start.await();
                List<Long> mine = new ArrayList<>();
                Optional<RepairJob> job;
                while ((job = store.claim(worker, LEASE, Set.of())).isPresent()) {
                    mine.add(job.get().id());
                }
                return mine;
            }));
        }
        start.countDown();
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : workers) {
            all.addAll(f.get());
        }
        pool.shutdown();
        assertThat(all).hasSize(40).doesNotHaveDuplicates();
    }

    @Test
    void aFailedAttemptIsRetriedAfterTheBackoffAndTheLastOneFailsTheJob() {
        RepairJob job = store.enqueue(null, JobKind.NODE, "storage-node-3", "trigger", 20);
        store.claim("w1", LEASE, Set.of()).orElseThrow();
        assertThat(store.fail(job.id(), "w1", "node refused", 2, Duration.ofMillis(300))).contains(JobStatus.PENDING);
        assertThat(store.claim("w1", LEASE, Set.of())).as("not before the backoff").isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> store.claim("w1", LEASE, Set.of()).isPresent());
        assertThat(store.fail(job.id(), "w1", "node refused again", 2, Duration.ZERO)).contains(JobStatus.FAILED);
        RepairJob failed = store.find(job.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(failed.lastError()).isEqualTo("node refused again");
        assertThat(store.fail(job.id(), "w1", "late", 2, Duration.ZERO)).as("settled jobs are left alone").isEmpty();
    }

    @Test
    void aWorkerThatStopsRenewingLosesTheJobToAnother() {
        RepairJob job = store.enqueue(null, JobKind.NODE, "storage-node-1", "trigger", 20);
        store.claim("dead-worker", Duration.ofMillis(200), Set.of()).orElseThrow();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            store.expireLeases(3);
            return store.find(job.id()).orElseThrow().status() == JobStatus.PENDING;
        });
        assertThat(store.find(job.id()).orElseThrow().lastError()).contains("dead-worker");
        RepairJob taken = store.claim("w2", LEASE, Set.of()).orElseThrow();
        assertThat(taken.id()).isEqualTo(job.id());
        assertThat(taken.attempts()).isEqualTo(2);
        // The dead worker, were it only slow, can no longer change it.
        assertThat(store.renew(job.id(), "dead-worker", LEASE, JobCounts.NONE)).isFalse();
        assertThat(store.complete(job.id(), "dead-worker", JobCounts.NONE)).isFalse();
        JobCounts counts = new JobCounts(10, 2, 3, 4, 4, 0, 1);
        assertThat(store.renew(job.id(), "w2", LEASE, counts)).isTrue();
        assertThat(store.find(job.id()).orElseThrow().counts()).isEqualTo(counts);
    }

    @Test
    void aCycleIsPlannedOncePerGapWithAJobPerNodeAndFinishesWithItsLastJob() {
        JobStore.PlannedCycle cycle = store.planCycle("periodic", Duration.ofMinutes(1), 0,
                Set.of("storage-node-2", "storage-node-1"), 100).orElseThrow();
        assertThat(cycle.jobs()).extracting(RepairJob::subject).containsExactly("storage-node-1", "storage-node-2");
        assertThat(cycle.jobs()).allSatisfy(j -> assertThat(j.kind()).isEqualTo(JobKind.PRIMARY_RANGES));
        assertThat(store.planCycle("periodic", Duration.ofMinutes(1), 0, Set.of("storage-node-1"), 100))
                .as("another instance's timer, a moment later").isEmpty();

        assertThat(store.finishCycles()).isEmpty();
        for (int i = 0; i < 2; i++) {
            RepairJob job = store.claim("w1", LEASE, Set.of()).orElseThrow();
            assertThat(job.cycleId()).isEqualTo(cycle.id());
            store.complete(job.id(), "w1", JobCounts.NONE);
        }
        assertThat(store.finishCycles()).hasSize(1);
        assertThat(store.finishCycles()).isEmpty();
        assertThat(store.planCycle("trigger", Duration.ZERO, 0, Set.of("storage-node-1"), 20)).isPresent();
        assertThat(Collections.frequency(List.copyOf(store.countByStatus().keySet()), JobStatus.PENDING)).isOne();
    }
}
