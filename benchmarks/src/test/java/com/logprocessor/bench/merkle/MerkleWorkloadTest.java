package com.logprocessor.bench.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryRules;
import com.logprocessor.core.merkle.EntryHash;
import com.logprocessor.core.merkle.MerkleTree;
import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.core.merkle.Segments;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Merkle benchmark's data, at a small scale: 20 segments of 100 entries. */
class MerkleWorkloadTest {

    private static final Segments SEGMENTS = new Segments(100);
    private static final LogEntry[] ENTRIES = MerkleWorkload.entries(2_000, 24);

    @Test
    void entriesAreValidStoredEntriesOfOnePartitionWithSequencesOneToN() {
        assertThat(ENTRIES).allSatisfy(e -> {
            assertThat(LogEntryRules.validateStored(e)).as("violations of %s", e).isEmpty();
            assertThat(e.partitionKey()).isEqualTo(MerkleWorkload.PARTITION_KEY);
        });
        assertThat(ENTRIES).extracting(LogEntry::sequence)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 2_000).mapToObj(i -> (long) i).toList());
        assertThat(MerkleWorkload.entries(10, 24)).containsExactly(java.util.Arrays.copyOf(ENTRIES, 10));
    }

    @Test
    void recomputationGivesOneDigestPerSegmentMatchingTheXorOfItsEntries() {
        List<SegmentDigest> digests = MerkleWorkload.recompute(ENTRIES, SEGMENTS);
        assertThat(digests).hasSize(20);
        for (SegmentDigest d : digests) {
            long xor = 0;
            for (long seq = SEGMENTS.firstSequence(d.segment()); seq <= SEGMENTS.lastSequence(d.segment()); seq++) {
                xor ^= EntryHash.of(ENTRIES[(int) seq - 1]);
            }
            assertThat(d).isEqualTo(new SegmentDigest(d.segment(), xor, 100));
        }
        assertThat(digests).extracting(SegmentDigest::segment)
                .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> (long) i).toList());
    }

    @ParameterizedTest(name = "{0} differing segments")
    @ValueSource(ints = {0, 1, 10, 20})
    void theSecondReplicaDiffersInExactlyTheChosenNumberOfSegments(int differing) {
        List<SegmentDigest> digests = MerkleWorkload.recompute(ENTRIES, SEGMENTS);
        List<SegmentDigest> other = MerkleWorkload.withChangedSegments(digests, differing, ENTRIES, SEGMENTS);
        MerkleTree left = MerkleTree.build(digests, MerkleTree.DEFAULT_DEPTH);
        MerkleTree right = MerkleTree.build(other, MerkleTree.DEFAULT_DEPTH);

        assertThat(left.diff(right)).hasSize(differing);
        assertThat(left.rootHash() == right.rootHash()).isEqualTo(differing == 0);
        // The changed digests are what a storage node holds after the newer versions are written.
        for (long segment : left.diff(right)) {
            LogEntry[] replica = ENTRIES.clone();
            int first = (int) SEGMENTS.firstSequence(segment) - 1;
            LogEntry old = replica[first];
            replica[first] = old.withVersion(new com.logprocessor.core.version.LamportVersion(
                    old.version().counter() + 1, old.version().writerId()));
            assertThat(MerkleWorkload.recompute(replica, SEGMENTS).get((int) segment))
                    .isEqualTo(other.get((int) segment));
        }
    }

    @Test
    void moreDifferingSegmentsThanThereAreIsRejected() {
        List<SegmentDigest> digests = MerkleWorkload.recompute(ENTRIES, SEGMENTS);
        assertThatThrownBy(() -> MerkleWorkload.withChangedSegments(digests, 21, ENTRIES, SEGMENTS))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
