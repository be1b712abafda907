package com.logprocessor.merkle.node;

import com.logprocessor.merkle.tree.MerkleProperties;
import com.logprocessor.support.storage.StorageApi.PartitionDigests;
import com.logprocessor.support.storage.StorageNodeClient;
import com.logprocessor.support.storage.StorageNodeException;
import com.logprocessor.support.web.ProblemException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Reads a partition's segment digests from a storage node ({@code GET
 * /api/storage/partitions/{key}/digests}): the only thing a tree is built from, never the
 * entries. Reads of several nodes run at once ({@link #start}, then {@link Pending#await}). What
 * can go wrong becomes the answer's problem: no answer (or a 5xx) is 503, an answer that is not a
 * storage node's digests is 502, and digests of another segment size than
 * {@code merkle.segment.size} are 409, since trees over different segmentations cannot be compared.
 */
@Component
public class DigestReader {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final StorageNodeClient client;
    private final int segmentSize;

    public DigestReader(StorageNodeClient client, MerkleProperties properties) {
        this.client = client;
        this.segmentSize = properties.segment().size();
    }

    /** A node's digests, and how long reading them took. */
    public record Digests(ResolvedNode node, PartitionDigests digests, long readNanos) {
    }

    /** A read under way. */
    public final class Pending {
        private final ResolvedNode node;
        private final String field;
        private final CompletableFuture<PartitionDigests> answer;
        private final long startNanos;
        private final AtomicLong endNanos = new AtomicLong();

        private Pending(ResolvedNode node, String field, String partitionId) {
            this.node = node;
            this.field = field;
            this.startNanos = System.nanoTime();
            CompletableFuture<PartitionDigests> call;
            try {
                call = client.digests(node.url(), partitionId);
            } catch (RuntimeException e) {
                call = CompletableFuture.failedFuture(e);
            }
            // Stamped as the answer arrives: the other node's read may finish later.
            this.answer = call.whenComplete((d, e) -> endNanos.set(System.nanoTime()));
        }

        /** The digests, bounded by {@code merkle.node.*} timeouts; a problem (409, 502, 503) otherwise. */
        public Digests await() {
            PartitionDigests digests;
            try {
                digests = answer.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ProblemException.unavailable("interrupted while reading the digests of " + node.label());
            } catch (ExecutionException | CompletionException e) {
                throw failure(e.getCause() != null ? e.getCause() : e);
            }
            if (digests == null || digests.digests() == null) {
                throw badAnswer("no digests in its answer");
            }
            if (digests.segmentSize() != segmentSize) {
                throw new ProblemException(HttpStatus.CONFLICT, "Segment size mismatch", "node " + node.label()
                        + " (" + field + ") serves digests of segment size " + digests.segmentSize()
                        + " but merkle.segment.size is " + segmentSize
                        + ": trees over different segmentations cannot be compared")
                        .with("field", field)
                        .with("nodeSegmentSize", digests.segmentSize())
                        .with("segmentSize", segmentSize);
            }
            return new Digests(node, digests, endNanos.get() - startNanos);
        }

        private ProblemException failure(Throwable cause) {
            if (cause instanceof StorageNodeException e && e.isRetryable()) {
                return ProblemException.unavailable("node " + node.label() + " (" + field + ") did not answer "
                        + "for its digests: " + e.getMessage()).with("field", field).retryAfter(RETRY_AFTER);
            }
            if (cause instanceof StorageNodeException e) {
                return badAnswer("answered " + e.status() + " for its digests; is " + node.url()
                        + " a storage node?");
            }
            return badAnswer("served digests that could not be read: " + cause.getMessage());
        }

        private ProblemException badAnswer(String what) {
            return new ProblemException(HttpStatus.BAD_GATEWAY, "Bad answer from a storage node",
                    "node " + node.label() + " (" + field + ") " + what).with("field", field);
        }
    }

    /** Starts reading {@code partitionId}'s digests from {@code node} ({@code field} names it in problems). */
    public Pending start(ResolvedNode node, String field, String partitionId) {
        return new Pending(node, field, partitionId);
    }
}
