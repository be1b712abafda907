package com.logprocessor.merkle.compare;

import java.util.List;

/**
 * Body of the answer to {@code POST /api/merkle/compare}.
 *
 * @param node1Url where the first replica's digests were read
 * @param node2Url where the second replica's digests were read
 * @param consistent whether both replicas hold the same entries at the same versions (equal roots)
 * @param root1 the first replica's root hash, 16 hex digits
 * @param root2 the second replica's root hash
 * @param differingSegments the segments whose digests differ, ascending: the only ones whose
 *        entries need to be exchanged
 * @param comparedMillis reading both replicas' digests, producing their trees and walking them
 */
public record CompareAnswer(String partitionId, String node1Url, String node2Url, boolean consistent, String root1,
                            String root2, List<DifferingSegment> differingSegments, long comparedMillis) {

    /**
     * A segment whose digests differ, with the sequences it covers and each replica's digest of it
     * (hash 0 and count 0 where a replica holds none of its entries).
     */
    public record DifferingSegment(long segment, long firstSequence, long lastSequence, SegmentSide node1,
                                   SegmentSide node2) {
    }

    /** One replica's digest of a segment: the XOR of its entries' hashes (16 hex digits) and their count. */
    public record SegmentSide(String hash, long count) {
    }
}
