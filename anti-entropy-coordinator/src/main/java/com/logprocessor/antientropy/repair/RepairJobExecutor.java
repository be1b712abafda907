package com.logprocessor.antientropy.repair;

import com.logprocessor.support.antientropy.RepairJob;
import com.logprocessor.support.antientropy.JobKind;
import com.logprocessor.antientropy.jobs.JobExecutor;
import com.logprocessor.antientropy.jobs.JobRun;
import com.logprocessor.antientropy.jobs.JobRun.Count;
import com.logprocessor.core.membership.Member;
import com.logprocessor.core.membership.MembershipSnapshot;
import com.logprocessor.core.merkle.PartitionDigest;
import com.logprocessor.core.ring.Ring;
import com.logprocessor.support.membership.ReplicationProperties;
import com.logprocessor.support.membership.RingView;
import com.logprocessor.support.storage.StorageApi.PartitionPage;
import com.logprocessor.support.storage.StorageApi.PartitionSummary;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Runs a job: the replicas of every partition in its scope compared and repaired.
 *
 * <p>For a range job (PRIMARY_RANGES, NODE) the UP nodes' listings are merged by key (jobs running
 * together share the pages they read: {@link ListingPages}); a partition
 * is in scope by its preference list on the ring of every known member (a DOWN member stays a
 * replica; it is counted as unavailable and compared when it is back). Partitions whose replicas'
 * digests agree cost nothing more; the others are repaired while the listing goes on, up to
 * {@code anti-entropy.repair.partition-concurrency} repairs at once: small ones (most: a partition
 * is usually far smaller than a segment) together by {@link BatchRepair}, large ones each by
 * {@link PartitionRepair}. A partition that could not be repaired fails the attempt, after the
 * others are done.
 */
@Component
public class RepairJobExecutor implements JobExecutor {

    private final RingView ring;
    private final ReplicationProperties replication;
    private final ListingPages listingPages;
    private final PartitionRepair partitions;
    private final BatchRepair batches;
    private final RepairProperties properties;
    private final ExecutorService pool;

    public RepairJobExecutor(RingView ring, ReplicationProperties replication, ListingPages listingPages,
            PartitionRepair partitions, BatchRepair batches, RepairProperties properties) {
        this.ring = ring;
        this.replication = replication;
        this.listingPages = listingPages;
        this.partitions = partitions;
        this.batches = batches;
        this.properties = properties;
        this.pool = Executors.newFixedThreadPool(properties.partitionConcurrency(), r -> {
            Thread t = new Thread(r, "partition-repair");
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    @Override
    public Set<String> nodesToWaitFor() {
        return ring.snapshot().down().stream().map(Member::nodeId).collect(Collectors.toSet());
    }

    @Override
    public void execute(JobRun run) throws Exception {
        RepairJob job = run.job();
        MembershipSnapshot snapshot = ring.snapshot();
        if (job.kind() == JobKind.PARTITION) {
            List<String> up = up(run, snapshot,
                    snapshot.replicaRing().preferenceList(job.subject(), replication.factor()).replicas());
            if (up.size() < 2) {
                run.add(Count.PARTITIONS_COMPARED, 1);
                return;
            }
            partitions.compareAndRepair(run, job.subject(), snapshot, up);
            return;
        }
        if (job.kind() == JobKind.NODE && !snapshot.isUp(job.subject())) {
            throw new IllegalStateException("node " + job.subject() + " is not UP: its ranges are compared once it is");
        }
        repairRanges(run, snapshot);
    }

    private void repairRanges(JobRun run, MembershipSnapshot snapshot) throws InterruptedException {
        RepairJob job = run.job();
        long started = listingPages.now();
        Map<String, Function<String, CompletableFuture<PartitionPage>>> pages = new LinkedHashMap<>();
        for (Member m : snapshot.up()) {
            pages.put(m.nodeId(), listingPages.of(started, m.url(), properties.pageSize()));
        }
        MergedListing listing = new MergedListing(pages);
        Ring replicaRing = snapshot.replicaRing();
        Repairs repairs = new Repairs(properties.partitionConcurrency() * 2);
        List<BatchRepair.Candidate> batch = new ArrayList<>();
        MergedListing.Partition p;
        while ((p = listing.next()) != null) {
            run.checkLease();
            List<String> replicas = replicaRing.preferenceList(p.key(), replication.factor()).replicas();
            boolean inScope = job.kind() == JobKind.PRIMARY_RANGES ? replicas.get(0).equals(job.subject())
                    : replicas.contains(job.subject());
            if (!inScope) {
                continue;
            }
            List<String> up = up(run, snapshot, replicas);
            run.add(Count.PARTITIONS_COMPARED, 1);
            if (up.size() < 2 || agree(p.holders(), up)) {
                continue;
            }
            run.add(Count.PARTITIONS_DIFFERING, 1);
            String key = p.key();
            // Within its first segment on every replica: the common case, repaired in a batch.
            if (p.holders().values().stream().allMatch(s -> s.lastSegment() == 0)) {
                Map<String, PartitionDigest> digests = new HashMap<>();
                p.holders().forEach((node, summary) -> digests.put(node, summary.digest()));
                batch.add(new BatchRepair.Candidate(key, up, digests));
                if (batch.size() >= properties.batchPartitions()) {
                    repairs.submit(batchTask(run, snapshot, batch), batch.size());
                    batch = new ArrayList<>();
                }
            } else {
                repairs.submit(() -> partitions.repair(run, key, snapshot, up), 1);
            }
        }
        if (!batch.isEmpty()) {
            repairs.submit(batchTask(run, snapshot, batch), batch.size());
        }
        repairs.awaitAll();
        run.checkLease();
        repairs.throwIfAnyFailed();
    }

    /** A batch of small partitions; those it finds nothing to repair in get the per-partition repair. */
    private Runnable batchTask(JobRun run, MembershipSnapshot snapshot, List<BatchRepair.Candidate> batch) {
        return () -> batches.repair(run, snapshot, batch)
                .forEach(c -> partitions.repair(run, c.partitionKey(), snapshot, c.replicas()));
    }

    /**
     * Repairs running on the pool while the listing goes on: at most {@code limit} queued or
     * running, each counting the partitions it covers; failures are counted, not thrown, so
     * the other repairs finish first.
     */
    private final class Repairs {

        private final Semaphore inFlight;
        private final List<CompletableFuture<Void>> running = new ArrayList<>();
        private final AtomicInteger failedPartitions = new AtomicInteger();
        private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

        Repairs(int limit) {
            this.inFlight = new Semaphore(limit);
        }

        void submit(Runnable repair, int partitionCount) throws InterruptedException {
            inFlight.acquire();
            running.add(CompletableFuture.runAsync(repair, pool).whenComplete((ok, error) -> {
                inFlight.release();
                if (error != null) {
                    failedPartitions.addAndGet(partitionCount);
                    firstFailure.compareAndSet(null, error.getCause() == null ? error : error.getCause());
                }
            }));
            running.removeIf(CompletableFuture::isDone);
        }

        void awaitAll() {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        }

        void throwIfAnyFailed() {
            if (failedPartitions.get() > 0) {
                Throwable first = firstFailure.get();
                throw new IllegalStateException(failedPartitions.get() + " differing partitions could not be repaired"
                        + " (retried with the job); the first failure: " + first.getMessage(), first);
            }
        }
    }

    /** Whether every UP replica lists the same digest (a replica that does not list it holds nothing). */
    private static boolean agree(Map<String, PartitionSummary> holders, List<String> replicas) {
        PartitionDigest first = null;
        for (String node : replicas) {
            PartitionSummary s = holders.get(node);
            PartitionDigest d = s == null ? PartitionDigest.EMPTY : s.digest();
            if (first == null) {
                first = d;
            } else if (!first.equals(d)) {
                return false;
            }
        }
        return true;
    }

    /** The replicas that are UP; the others are counted as unavailable. */
    private static List<String> up(JobRun run, MembershipSnapshot snapshot, List<String> replicas) {
        List<String> up = replicas.stream().filter(snapshot::isUp).toList();
        run.add(Count.REPLICAS_UNAVAILABLE, replicas.size() - up.size());
        return up;
    }
}
