package com.logprocessor.storage.repair;

import com.logprocessor.core.merkle.SegmentDigest;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of a digest verification.
 *
 * @param partitionKey        the one partition verified, or null for the whole node
 * @param partitions          partitions verified
 * @param segments            segments compared (stored or computed)
 * @param entries             entries re-hashed
 * @param mismatchedSegments  segments whose stored digest differed from the recomputation
 * @param entryHashMismatches entries whose stored content hash differed from a re-hash of the entry
 * @param correctedSegments   segment digests rewritten (when correcting)
 * @param mismatches          the first {@value DigestVerifier#MAX_REPORTED} mismatches
 */
public record VerificationReport(Instant startedAt, Instant finishedAt, String partitionKey, boolean correct,
        long partitions, long segments, long entries, long mismatchedSegments, long entryHashMismatches,
        long correctedSegments, List<Mismatch> mismatches) {

    /** A segment whose stored digest ({@code null} if absent) differs from the one computed ({@code null} if no entries). */
    public record Mismatch(String partitionKey, long segment, SegmentDigest stored, SegmentDigest computed) {
    }
}
