package com.logprocessor.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.logprocessor.core.TestEntries;
import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.version.LamportVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MerkleTreeTest {

    private static final Segments SEGMENTS = new Segments(100);

    /** Digests of a replica, built entry by entry in the given order, as a storage node does. */
    static Collection<SegmentDigest> digestsOf(List<LogEntry> entries) {
        Map<Long, SegmentDigest> bySegment = new HashMap<>();
        for (LogEntry e : entries) {
            long segment = SEGMENTS.segmentOf(e.sequence());
            bySegment.merge(segment, SegmentDigest.empty(segment).add(EntryHash.of(e)), SegmentDigest::merge);
        }
        return bySegment.values();
    }

    static List<LogEntry> randomPartition(SplittableRandom r, int maxSequence) {
        List<LogEntry> out = new ArrayList<>();
        for (long seq = 1; seq <= maxSequence; seq++) {
            if (r.nextInt(10) > 0) { // some sequences missing
                out.add(TestEntries.random(r, "p", seq));
            }
        }
        return out;
    }

    /** A second replica: the same entries with a few missing, extra or at another version. */
    static List<LogEntry> diverge(SplittableRandom r, List<LogEntry> entries, int changes) {
        List<LogEntry> copy = new ArrayList<>(entries);
        for (int c = 0; c < changes && !copy.isEmpty(); c++) {
            int i = r.nextInt(copy.size());
            switch (r.nextInt(3)) {
                case 0 -> copy.remove(i);
                case 1 -> copy.set(i, copy.get(i).withVersion(
                        new LamportVersion(copy.get(i).version().counter() + 1, "repair")));
                default -> {
                    long seq = 100_000 + r.nextInt(1000);
                    if (copy.stream().noneMatch(e -> e.sequence() == seq)) {
                        copy.add(TestEntries.random(r, "p", seq));
                    }
                }
            }
        }
        return copy;
    }

    /** The reference answer: compare segment by segment. */
    static List<Long> naiveDiff(List<LogEntry> a, List<LogEntry> b) {
        Map<Long, SegmentDigest> da = new TreeMap<>();
        digestsOf(a).forEach(d -> da.put(d.segment(), d));
        Map<Long, SegmentDigest> db = new TreeMap<>();
        digestsOf(b).forEach(d -> db.put(d.segment(), d));
        TreeSet<Long> all = new TreeSet<>(da.keySet());
        all.addAll(db.keySet());
        return all.stream().filter(s -> !java.util.Objects.equals(da.get(s), db.get(s))).toList();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("com.logprocessor.core.Seeds#seeds")
    void aDigestDoesNotDependOnInsertionOrder(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<LogEntry> entries = randomPartition(r, 300);
        List<LogEntry> shuffled = new ArrayList<>(entries);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(new TreeSet<>(digestsOf(shuffled).stream().map(Object::toString).toList()))
                .isEqualTo(new TreeSet<>(digestsOf(entries).stream().map(Object::toString).toList()));
        assertThat(MerkleTree.build(digestsOf(shuffled), 6).rootHash())
                .isEqualTo(MerkleTree.build(digestsOf(entries), 6).rootHash());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("com.logprocessor.core.Seeds#seeds")
    void treesDiffEmptyExactlyWhenTheirEntrySetsAreEqual(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<LogEntry> a = randomPartition(r, 500 + r.nextInt(2000));
        List<LogEntry> b = r.nextBoolean() ? new ArrayList<>(a) : diverge(r, a, 1 + r.nextInt(5));
        Collections.shuffle(b, new Random(seed));
        int depth = r.nextInt(8);
        MerkleTree ta = MerkleTree.build(digestsOf(a), depth);
        MerkleTree tb = MerkleTree.build(digestsOf(b), depth);
        boolean sameSet = new java.util.HashSet<>(a).equals(new java.util.HashSet<>(b));
        assertThat(ta.diff(tb).isEmpty()).isEqualTo(sameSet);
        assertThat(ta.rootHash() == tb.rootHash()).isEqualTo(sameSet);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("com.logprocessor.core.Seeds#seeds")
    void theDiffIsExactlyTheDifferingSegments(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<LogEntry> a = randomPartition(r, 200 + r.nextInt(3000));
        List<LogEntry> b = diverge(r, a, r.nextInt(20));
        int depth = r.nextInt(11);
        List<Long> diff = MerkleTree.build(digestsOf(a), depth).diff(MerkleTree.build(digestsOf(b), depth));
        assertThat(diff).isEqualTo(naiveDiff(a, b));
        assertThat(MerkleTree.build(digestsOf(b), depth).diff(MerkleTree.build(digestsOf(a), depth))).isEqualTo(diff);
    }

    @Test
    void replacingAVersionUpdatesTheDigestInConstantTime() {
        LogEntry e = TestEntries.valid("p", 5);
        LogEntry newer = e.withVersion(new LamportVersion(e.version().counter() + 1, "w"));
        LogEntry other = TestEntries.valid("p", 6);
        SegmentDigest incremental = SegmentDigest.empty(0).add(EntryHash.of(e)).add(EntryHash.of(other))
                .replace(EntryHash.of(e), EntryHash.of(newer));
        SegmentDigest fresh = SegmentDigest.empty(0).add(EntryHash.of(other)).add(EntryHash.of(newer));
        assertThat(incremental).isEqualTo(fresh);
        assertThat(incremental.count()).isEqualTo(2);
    }

    @Test
    void theEntryHashCoversEveryField() {
        LogEntry e = TestEntries.valid("p", 5);
        long h = EntryHash.of(e);
        assertThat(EntryHash.of(e)).isEqualTo(h);
        assertThat(EntryHash.of(new LogEntry(e.id(), e.partitionKey(), e.sequence(), e.timestamp(), e.level(),
                e.sourceIp(), e.service(), e.message() + "!", e.attributes(), e.version()))).isNotEqualTo(h);
        assertThat(EntryHash.of(new LogEntry(e.id(), e.partitionKey(), e.sequence(), e.timestamp().plusNanos(1),
                e.level(), e.sourceIp(), e.service(), e.message(), e.attributes(), e.version()))).isNotEqualTo(h);
        assertThat(EntryHash.of(new LogEntry(e.id(), e.partitionKey(), e.sequence(), e.timestamp(), e.level(),
                e.sourceIp(), e.service(), e.message(), Map.of("x", "y"), e.version()))).isNotEqualTo(h);
        assertThat(EntryHash.of(e.withVersion(new LamportVersion(e.version().counter(), "other")))).isNotEqualTo(h);
    }

    @Test
    void fieldBoundariesCannotShift() {
        LogEntry e = TestEntries.valid("p", 5);
        LogEntry ab = new LogEntry(e.id(), e.partitionKey(), 5, e.timestamp(), e.level(), null, "ab", "c", Map.of(), e.version());
        LogEntry a = new LogEntry(e.id(), e.partitionKey(), 5, e.timestamp(), e.level(), null, "a", "bc", Map.of(), e.version());
        assertThat(EntryHash.of(ab)).isNotEqualTo(EntryHash.of(a));
    }

    @Test
    void treesOfDifferentShapesAreComparedAtTheWiderShape() {
        SplittableRandom r = new SplittableRandom(7);
        List<LogEntry> small = randomPartition(r, 400);
        List<LogEntry> big = new ArrayList<>(small);
        big.add(TestEntries.random(r, "p", 50_000)); // segment 499: a wider leaf
        MerkleTree a = MerkleTree.build(digestsOf(small), 3);
        MerkleTree b = MerkleTree.build(digestsOf(big), 3);
        assertThat(a.segmentsPerLeaf()).isLessThan(b.segmentsPerLeaf());
        assertThat(a.diff(b)).containsExactly(499L);
        assertThat(b.diff(a)).containsExactly(499L);
    }

    @Test
    void shapeCoversTheHighestSegment() {
        assertThat(MerkleTree.segmentsPerLeafFor(0, 10)).isEqualTo(1);
        assertThat(MerkleTree.segmentsPerLeafFor(1023, 10)).isEqualTo(1);
        assertThat(MerkleTree.segmentsPerLeafFor(1024, 10)).isEqualTo(2);
        assertThat(MerkleTree.segmentsPerLeafFor(5000, 10)).isEqualTo(8);
        assertThatThrownBy(() -> MerkleTree.build(List.of(new SegmentDigest(8, 1, 1)), 3, 1))
                .hasMessageContaining("outside");
        assertThatThrownBy(() -> MerkleTree.build(List.of(), 21)).hasMessageContaining("depth");
        assertThatThrownBy(() -> MerkleTree.build(List.of(), 3, 3)).hasMessageContaining("power of two");
    }

    @Test
    void anEmptyTreeHashesToZeroAndMatchesAnotherEmptyTree() {
        MerkleTree empty = MerkleTree.build(List.of(), MerkleTree.DEFAULT_DEPTH);
        assertThat(empty.rootHash()).isZero();
        assertThat(empty.diff(MerkleTree.build(List.of(SegmentDigest.empty(3)), 10))).isEmpty();
        MerkleTree one = MerkleTree.build(List.of(new SegmentDigest(3, 42, 1)), 10);
        assertThat(one.rootHash()).isNotZero();
        assertThat(empty.diff(one)).containsExactly(3L);
        assertThat(one.entryCount()).isEqualTo(1);
        assertThat(one.nodeHash(10, 3)).isNotZero();
        assertThat(one.nodeHash(10, 4)).isZero();
    }

    @Test
    void segmentsCoverFixedRunsOfSequences() {
        Segments s = new Segments(1000);
        assertThat(s.segmentOf(1)).isZero();
        assertThat(s.segmentOf(1000)).isZero();
        assertThat(s.segmentOf(1001)).isEqualTo(1);
        assertThat(s.firstSequence(1)).isEqualTo(1001);
        assertThat(s.lastSequence(1)).isEqualTo(2000);
        assertThatThrownBy(() -> s.segmentOf(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
