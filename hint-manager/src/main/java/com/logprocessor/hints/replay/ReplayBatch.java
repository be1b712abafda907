package com.logprocessor.hints.replay;

import com.logprocessor.hints.metrics.HintMetrics;
import com.logprocessor.hints.store.ClaimedHint;
import com.logprocessor.hints.store.FailedAttempt;
import com.logprocessor.hints.store.HintStore;
import com.logprocessor.support.antientropy.AntiEntropyClient;
import com.logprocessor.support.antientropy.RepairReason;
import com.logprocessor.support.storage.StorageApi.Conflict;
import com.logprocessor.support.storage.StorageApi.StoreResult;
import com.logprocessor.support.storage.StorageNodeClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One replay batch to one node, in one transaction: claim its oldest due hints (locked, so no
 * other replayer takes them meanwhile), send them to the node as stored, then settle every claimed
 * row with one statement each way: delete what the node took (or refused for good), record a
 * failed attempt for the rest. A crash before the commit leaves the rows as they were, to be sent
 * again (storing an entry twice changes nothing on a node).
 *
 * <p>Stateless: any number of replayers may share it, and several instances share the table.
 */
@Component
public class ReplayBatch {

    private static final Logger log = LoggerFactory.getLogger(ReplayBatch.class);

    private final HintStore store;
    private final StorageNodeClient client;
    private final HintMetrics metrics;
    private final HintProperties.Replay replay;
    private final int maxAttempts;
    private final TransactionTemplate tx;
    private final AntiEntropyClient antiEntropy;

    public ReplayBatch(HintStore store, StorageNodeClient client, HintMetrics metrics, HintProperties properties,
                       PlatformTransactionManager transactions, AntiEntropyClient antiEntropy) {
        this.store = store;
        this.client = client;
        this.metrics = metrics;
        this.replay = properties.replay();
        this.maxAttempts = properties.max().retries();
        this.tx = new TransactionTemplate(transactions);
        this.antiEntropy = antiEntropy;
    }

    /** How a batch ended. */
    public enum Result {
        /** Nothing was due. */
        EMPTY,
        /** The node took the batch (conflicts included: they will never be taken). */
        DELIVERED,
        /** The node did not answer, or answered an error: the hints back off (or are given up). */
        FAILED,
        /** Interrupted (shutting down) before settling: nothing changed. */
        ABANDONED
    }

    /**
     * @param delivered hints the node took
     * @param conflicts hints the node refused for good (another entry holds their key and sequence)
     * @param exhausted hints given up after their last attempt
     * @param rescheduled hints that will be tried again
     * @param retryAfter when the first rescheduled hint is due again (for FAILED)
     */
    public record Outcome(Result result, int claimed, int delivered, int conflicts, int exhausted, int rescheduled,
                          Duration retryAfter) {

        static final Outcome EMPTY = new Outcome(Result.EMPTY, 0, 0, 0, 0, 0, Duration.ZERO);
        static final Outcome ABANDONED = new Outcome(Result.ABANDONED, 0, 0, 0, 0, 0, Duration.ZERO);
    }

    /** Replays the next batch of {@code node}'s due hints to it at {@code url}. */
    public Outcome replayNext(String node, String url) {
        long start = System.nanoTime();
        Outcome outcome = tx.execute(status -> {
            Outcome o = claimSendSettle(node, url);
            if (o.result() == Result.ABANDONED) {
                status.setRollbackOnly();
            }
            return o;
        });
        if (outcome.claimed() > 0) {
            // Counted once committed: what the table says happened.
            metrics.replayBatch(node, outcome.result() == Result.DELIVERED ? "delivered" : "failed")
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            metrics.replayed(node, outcome.delivered());
            metrics.failed(node, HintMetrics.CONFLICT, outcome.conflicts());
            metrics.failed(node, HintMetrics.MAX_RETRIES, outcome.exhausted());
            if (outcome.conflicts() + outcome.exhausted() > 0) {
                // The node will never get these writes from us: only anti-entropy can bring them.
                antiEntropy.repairNode(node, RepairReason.HINTS_DROPPED);
            }
        }
        return outcome;
    }

    private Outcome claimSendSettle(String node, String url) {
        List<ClaimedHint> batch = store.claimDue(node, replay.batchSize());
        if (batch.isEmpty()) {
            return Outcome.EMPTY;
        }
        List<Long> settled = new ArrayList<>(batch.size());
        List<Long> failed = new ArrayList<>();
        int conflicts = 0;
        Exception failure = null;
        for (List<ClaimedHint> request : requests(batch, replay.maxRequestSize().toBytes())) {
            if (failure != null) {
                // The node failed a request of this batch: do not press it with the rest now.
                request.forEach(h -> failed.add(h.id()));
                continue;
            }
            try {
                StoreResult result = client.storeEncoded(url, request.stream().map(ClaimedHint::entry).toList())
                        .get(replay.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
                Set<UUID> refused = result.conflicts().stream().map(Conflict::id).collect(Collectors.toSet());
                for (ClaimedHint h : request) {
                    settled.add(h.id());
                    if (refused.contains(h.entryId())) {
                        conflicts++;
                    }
                }
                if (!refused.isEmpty()) {
                    log.warn("{} refused {} replayed hints for good (another entry holds their key and sequence): {}",
                            node, refused.size(), result.conflicts());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.ABANDONED;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                // No answer in time, an error status, or a request that could not even be made
                // (a malformed URL in membership): an attempt that failed, like any other.
                failure = e;
                request.forEach(h -> failed.add(h.id()));
            }
        }
        store.delete(settled);
        if (failed.isEmpty()) {
            return new Outcome(Result.DELIVERED, batch.size(), settled.size() - conflicts, conflicts, 0, 0,
                    Duration.ZERO);
        }
        FailedAttempt attempt = store.recordFailure(failed, maxAttempts, replay.firstBackoff(), replay.maxBackoff());
        Duration retryAfter = attempt.rescheduled() > 0
                ? replay.backoffAfter(attempt.fewestAttempts()) : replay.firstBackoff();
        Throwable cause = failure instanceof ExecutionException && failure.getCause() != null
                ? failure.getCause() : failure;
        log.warn("Replaying {} hints to {} failed ({}): {} will be tried again in {}, {} were out of attempts "
                        + "and are left to anti-entropy",
                failed.size(), node, cause, attempt.rescheduled(), retryAfter, attempt.exhausted());
        return new Outcome(Result.FAILED, batch.size(), settled.size() - conflicts, conflicts, attempt.exhausted(),
                attempt.rescheduled(), retryAfter);
    }

    /**
     * The batch in order, cut into request bodies of at most {@code maxBytes} (a single entry
     * larger than that still goes, alone).
     */
    static List<List<ClaimedHint>> requests(List<ClaimedHint> batch, long maxBytes) {
        List<List<ClaimedHint>> out = new ArrayList<>();
        List<ClaimedHint> current = new ArrayList<>();
        long size = 5; // the batch header
        for (ClaimedHint h : batch) {
            long add = 4L + h.entry().length;
            if (!current.isEmpty() && size + add > maxBytes) {
                out.add(current);
                current = new ArrayList<>();
                size = 5;
            }
            current.add(h);
            size += add;
        }
        out.add(current);
        return out;
    }
}
