package com.logprocessor.support.storage;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.merkle.PartitionDigest;
import com.logprocessor.core.merkle.SegmentDigest;
import java.util.List;
import java.util.UUID;

/**
 * The storage node's REST bodies, shared by the node (which serves them) and every service that
 * calls it through {@link StorageNodeClient}, so the two sides cannot drift apart.
 */
public final class StorageApi {

    private StorageApi() {
    }

    /** Body of {@code POST /api/storage/store/batch}. */
    public record StoreBatchRequest(List<LogEntry> entries) {
    }

    /**
     * What a store request did; every entry is counted once:
     * {@code inserted + updated + unchanged + conflicts.size()} is the number sent.
     *
     * @param inserted new keys stored
     * @param updated stored entries replaced by a strictly newer version
     * @param unchanged entries whose stored version was newer or equal: nothing changed
     * @param conflicts entries not stored because their id is stored at another key, or their key
     *        holds another id
     */
    public record StoreResult(int inserted, int updated, int unchanged, List<Conflict> conflicts) {

        public StoreResult {
            conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
        }

        public int total() {
            return inserted + updated + unchanged + conflicts.size();
        }
    }

    /**
     * An entry that was not stored: its id is already stored at another key, or its key already
     * holds another id.
     */
    public record Conflict(UUID id, String partitionKey, long sequence, String storedPartitionKey, long storedSequence) {

        /** The id is already stored at another key: the entry is durable, just not here. */
        public boolean idStoredElsewhere() {
            return !(partitionKey.equals(storedPartitionKey) && sequence == storedSequence);
        }
    }

    /**
     * Body of {@code GET /api/storage/count}: the entries a node stores and their digest, the XOR
     * of every stored entry's content hash (core {@code EntryHash}, the version included), read
     * from the segment digests in one snapshot. Equal digests at two moments mean the node's data
     * did not change in between, so anti-entropy need not compare it again.
     */
    public record CountResponse(String nodeId, long count, long digest) {
    }

    /**
     * One partition a node holds: its digest (core {@code PartitionDigest}: {@code hash} is the XOR
     * of every entry's content hash, {@code count} the number of entries), the highest segment it
     * has entries in, and its highest sequence (null unless the listing was asked for it).
     */
    public record PartitionSummary(String partitionKey, Long maxSequence, long count, long hash, long lastSegment) {

        public PartitionDigest digest() {
            return new PartitionDigest(hash, count);
        }
    }

    /** A page of {@code GET /api/storage/partitions}; {@code next} is null on the last page. */
    public record PartitionPage(List<PartitionSummary> partitions, String next) {
    }

    /** The segment digests of one partition and the segment size they were built with. */
    public record PartitionDigests(String partitionKey, int segmentSize, List<SegmentDigest> digests) {
    }

    /**
     * Body of {@code POST /api/storage/partitions/digests}: the digests of several partitions over
     * segments of {@code segmentSize} (any size up to the node's own), computed from the entries'
     * stored content hashes. Anti-entropy narrows a differing small partition down to a few
     * sequences this way, for many partitions in one call.
     */
    public record DigestsRequest(List<String> partitionKeys, int segmentSize) {
    }

    /**
     * The answer to {@link DigestsRequest}: one element per requested partition the node holds;
     * {@code storedSegmentSize} is the node's own {@code segment.size}.
     */
    public record DigestsList(int segmentSize, int storedSegmentSize, List<PartitionDigests> partitions) {
    }

    /** Sequences {@code firstSequence..lastSequence} (inclusive) of one partition. */
    public record SequenceRange(String partitionKey, long firstSequence, long lastSequence) {
    }

    /**
     * Body of {@code POST /api/storage/partitions/entries}: the entries of several sequence ranges,
     * answered as one {@code application/x-log-entries} batch.
     */
    public record RangesRequest(List<SequenceRange> ranges) {
    }

    /** The entries of one segment and its digest. */
    public record SegmentEntries(String partitionKey, long segment, int segmentSize, long firstSequence,
                                 long lastSequence, SegmentDigest digest, List<LogEntry> entries) {
    }
}
