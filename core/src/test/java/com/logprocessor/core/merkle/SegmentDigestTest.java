package com.logprocessor.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.logprocessor.core.TestEntries;
import com.logprocessor.core.entry.LogEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SegmentDigestTest {

    private static List<LogEntry> entries(int n) {
        SplittableRandom r = new SplittableRandom(7);
        List<LogEntry> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(TestEntries.random(r, "10.0.0.1", i));
        }
        return out;
    }

    @Test
    void theDigestOfEntriesIsTheirHashesAddedInAnyOrder() {
        List<LogEntry> entries = entries(50);
        SegmentDigest added = SegmentDigest.empty(0);
        for (LogEntry e : entries) {
            added = added.add(EntryHash.of(e));
        }
        List<LogEntry> shuffled = new ArrayList<>(entries);
        Collections.shuffle(shuffled, new java.util.Random(3));
        assertThat(SegmentDigest.of(0, entries)).isEqualTo(added).isEqualTo(SegmentDigest.of(0, shuffled));
        assertThat(SegmentDigest.of(0, entries).count()).isEqualTo(50);
        assertThat(SegmentDigest.of(0, entries.subList(1, 50))).isNotEqualTo(added);
        assertThat(SegmentDigest.of(4, List.of())).isEqualTo(SegmentDigest.empty(4));
    }

    @Test
    void replacingAVersionAndMergingDisjointSetsAgreeWithARecomputation() {
        List<LogEntry> entries = entries(10);
        List<LogEntry> other = entries(11).subList(10, 11);
        SegmentDigest first = SegmentDigest.of(0, entries.subList(0, 5));
        SegmentDigest second = SegmentDigest.of(0, entries.subList(5, 10));
        assertThat(first.merge(second)).isEqualTo(SegmentDigest.of(0, entries));

        List<LogEntry> replaced = new ArrayList<>(entries);
        replaced.set(3, other.get(0));
        assertThat(SegmentDigest.of(0, entries).replace(EntryHash.of(entries.get(3)), EntryHash.of(other.get(0))))
                .isEqualTo(SegmentDigest.of(0, replaced));
        assertThatThrownBy(() -> first.merge(SegmentDigest.empty(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
