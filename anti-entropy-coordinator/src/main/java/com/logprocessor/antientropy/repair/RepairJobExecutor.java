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
import com.logprocessor.support.storage.StorageApi.PartitionSummary;
import com.logprocessor.support.storage.StorageNodeClient;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
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
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Runs a job: the replicas of every partition in its scope compared and repaired.
 *
 * <p>For a range job (PRIMARY_RANGES, NODE) the UP nodes' listings are merged by key; a partition
 * is in scope by its preference list on the ring of every known member (a DOWN member stays a
 * replica; it is counted as unavailable and compared when it is back). Partitions whose replicas'
 * digests agree cost nothing more; the others are repaired by {@link PartitionRepair}, up to
 * {@code anti-entropy.repair.partition-concurrency} at once while the listing goes on. A
 * partition that could not be repaired fails the attempt, after the others are done.
 */
@Component
public class RepairJobExecutor implements JobExecutor {

    private final RingView ring;
    private final ReplicationProperties replication;
    private final StorageNodeClient client;
    private final PartitionRepair partitions;
    private final RepairProperties properties;
    private final ExecutorService pool;

    public RepairJobExecutor(RingView ring, ReplicationProperties replication, StorageNodeClient client,
            PartitionRepair partitions, RepairProperties properties) {
        this.ring = ring;
        this.replication = replication;
        this.client = client;
        this.partitions = partitions;
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
        Map<String, String> urls = new LinkedHashMap<>();
        for (Member m : snapshot.up()) {
            urls.put(m.nodeId(), m.url());
        }
        MergedListing listing = new MergedListing(urls, client, properties.pageSize());
        Ring replicaRing = snapshot.replicaRing();
        Semaphore inFlight = new Semaphore(properties.partitionConcurrency() * 2);
        List<CompletableFuture<Void>> repairs = new ArrayList<>();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
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
            inFlight.acquire();
            repairs.add(CompletableFuture.runAsync(() -> partitions.repair(run, key, snapshot, up), pool)
                    .whenComplete((ok, error) -> {
                        inFlight.release();
                        if (error != null) {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, error.getCause() == null ? error : error.getCause());
                        }
                    }));
            repairs.removeIf(CompletableFuture::isDone);
        }
        CompletableFuture.allOf(repairs.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        run.checkLease();
        if (failed.get() > 0) {
            Throwable first = firstFailure.get();
            throw new IllegalStateException(failed.get() + " differing partitions could not be repaired (retried"
                    + " with the job); the first: " + first.getMessage(), first);
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
