package com.logprocessor.readrepair.repair;

import com.logprocessor.core.consistency.ReadResolution;
import com.logprocessor.core.membership.MembershipSnapshot;
import com.logprocessor.readrepair.metrics.ReadRepairMetrics;
import com.logprocessor.readrepair.repair.RepairOutcome.Result;
import com.logprocessor.support.kafka.ReadRepairRecords.ReadRepairRequest;
import com.logprocessor.support.membership.ReplicationProperties;
import com.logprocessor.support.membership.RingView;
import com.logprocessor.support.storage.EntryRepair;
import com.logprocessor.support.storage.EntryRepair.Copies;
import com.logprocessor.support.storage.EntryRepair.Written;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Repairs entries whose replicas disagreed on a read: re-reads the entry from all of its natural
 * replicas that are UP (what the reader saw may be old by now), takes the newest copy (Lamport
 * version) and writes it to the UP replicas that lack it or hold an older one. A storage node
 * replaces a copy only with a strictly newer version, so a repair racing a newer write never
 * undoes it. DOWN replicas are skipped and counted: hinted handoff and anti-entropy cover them.
 *
 * <p>Entries of one batch are repaired at most {@code read-repair.concurrency} at a time; every
 * call to a node is bounded by the client's timeouts, so a batch always finishes.
 */
@Service
public class ReadRepairer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReadRepairer.class);

    private final RingView ring;
    private final int replicationFactor;
    private final EntryRepair entries;
    private final ReadRepairMetrics metrics;
    private final ExecutorService workers;

    public ReadRepairer(RingView ring, ReplicationProperties replication, EntryRepair entries,
                        ReadRepairMetrics metrics, ReadRepairProperties properties) {
        this.ring = ring;
        this.replicationFactor = replication.factor();
        this.entries = entries;
        this.metrics = metrics;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(properties.concurrency(), r -> {
            Thread t = new Thread(r, "read-repair-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Repairs every request (each a different entry) and returns their outcomes, in the same order. */
    public List<RepairOutcome> repairAll(List<ReadRepairRequest> requests) {
        if (requests.size() == 1) {
            return List.of(repair(requests.get(0)));
        }
        List<CompletableFuture<RepairOutcome>> running = new ArrayList<>(requests.size());
        for (ReadRepairRequest request : requests) {
            running.add(CompletableFuture.supplyAsync(() -> repair(request), workers));
        }
        return running.stream().map(CompletableFuture::join).toList();
    }

    /** Repairs one entry; never throws: a failure is an outcome (and counted). */
    public RepairOutcome repair(ReadRepairRequest request) {
        Timer.Sample sample = Timer.start();
        RepairOutcome outcome;
        try {
            outcome = doRepair(request);
        } catch (RuntimeException e) {
            log.warn("Read repair of {}/{} failed unexpectedly", request.partitionKey(), request.sequence(), e);
            outcome = new RepairOutcome(request.partitionKey(), request.sequence(), Result.FAILED,
                    ReadRepairMetrics.ERROR, null, List.of(), List.of());
        }
        sample.stop(metrics.repairTimer());
        count(outcome);
        return outcome;
    }

    private RepairOutcome doRepair(ReadRepairRequest request) {
        String key = request.partitionKey();
        long sequence = request.sequence();
        MembershipSnapshot snapshot = ring.snapshot();
        List<String> replicas = snapshot.replicaRing().preferenceList(key, replicationFactor).replicas();
        List<String> up = replicas.stream().filter(snapshot::isUp).toList();
        List<String> down = replicas.stream().filter(node -> !snapshot.isUp(node)).toList();
        if (!down.isEmpty()) {
            log.debug("Read repair of {}/{} skips DOWN replicas {}", key, sequence, down);
        }
        if (up.isEmpty()) {
            log.warn("Read repair of {}/{}: no replica is UP (replicas {})", key, sequence, replicas);
            return failed(request, ReadRepairMetrics.UNREACHABLE, null, List.of(), down);
        }

        Copies copies = entries.read(snapshot, up, key, sequence);
        ReadResolution resolution = copies.resolve();
        if (!resolution.found()) {
            if (!copies.failed().isEmpty()) {
                // A replica that did not answer may be the one holding it.
                log.warn("Read repair of {}/{}: no copy found, and {} did not answer: {}", key, sequence,
                        copies.failed().keySet(), copies.failed().values());
                return failed(request, ReadRepairMetrics.UNREACHABLE, null, List.of(), down);
            }
            log.debug("Read repair of {}/{}: no UP replica holds it", key, sequence);
            return new RepairOutcome(key, sequence, Result.ABSENT, null, null, List.of(), down);
        }

        Written written = entries.write(snapshot, resolution.newest(), resolution.stale());
        if (!written.complete()) {
            boolean conflict = written.failed().values().stream().anyMatch(why -> why.startsWith("conflict"));
            log.warn("Read repair of {}/{} to {} could not write {}: {}", key, sequence,
                    resolution.newest().version(), written.failed().keySet(), written.failed().values());
            return failed(request, conflict ? ReadRepairMetrics.CONFLICT : ReadRepairMetrics.UNREACHABLE,
                    resolution, written.repaired(), down);
        }
        if (!copies.failed().isEmpty()) {
            // The ones that answered are repaired; the silent ones may still be stale.
            log.warn("Read repair of {}/{}: {} did not answer the read: {}", key, sequence,
                    copies.failed().keySet(), copies.failed().values());
            return failed(request, ReadRepairMetrics.UNREACHABLE, resolution, written.repaired(), down);
        }
        if (resolution.stale().isEmpty()) {
            log.debug("Read repair of {}/{}: every UP replica already holds {}", key, sequence,
                    resolution.newest().version());
            return new RepairOutcome(key, sequence, Result.CONSISTENT, null, resolution.newest().version(),
                    List.of(), down);
        }
        log.info("Read repair of {}/{}: wrote {} to {} (cause {}, reported stale {}, DOWN {})", key, sequence,
                resolution.newest().version(), written.repaired(), request.cause(), request.staleNodes(), down);
        return new RepairOutcome(key, sequence, Result.REPAIRED, null, resolution.newest().version(),
                written.repaired(), down);
    }

    private static RepairOutcome failed(ReadRepairRequest request, String reason, ReadResolution resolution,
                                        List<String> written, List<String> down) {
        return new RepairOutcome(request.partitionKey(), request.sequence(), Result.FAILED, reason,
                resolution == null ? null : resolution.newest().version(), written, down);
    }

    private void count(RepairOutcome outcome) {
        metrics.replicasWritten(outcome.written().size());
        metrics.replicasDown(outcome.down().size());
        switch (outcome.result()) {
            case REPAIRED -> metrics.completed(ReadRepairMetrics.REPAIRED);
            case CONSISTENT -> metrics.completed(ReadRepairMetrics.CONSISTENT);
            case ABSENT -> metrics.completed(ReadRepairMetrics.ABSENT);
            case FAILED -> metrics.failed(outcome.reason());
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
