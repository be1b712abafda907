package com.logprocessor.core.repair;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.core.merkle.PartitionDigest;
import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.core.version.LamportVersion;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SegmentReconciliationTest {

    private static final UUID[] IDS = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};

    private static LogEntry entry(int sequence, long counter, String message) {
        return new LogEntry(IDS[sequence], "k", sequence, Instant.parse("2026-11-29T10:00:00Z"), LogLevel.INFO, null,
                null, message, Map.of(), new LamportVersion(counter, "c1"));
    }

    private static Map<String, List<LogEntry>> copies(Object... nodeAndEntries) {
        Map<String, List<LogEntry>> out = new LinkedHashMap<>();
        for (int i = 0; i < nodeAndEntries.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<LogEntry> entries = (List<LogEntry>) nodeAndEntries[i + 1];
            out.put((String) nodeAndEntries[i], entries);
        }
        return out;
    }

    @Test
    void missingAndOlderCopiesAreSentTheNewest() {
        LogEntry one = entry(1, 5, "one");
        LogEntry twoOld = entry(2, 5, "two");
        LogEntry twoNew = entry(2, 9, "two, rewritten");
        SegmentReconciliation r = SegmentReconciliation.of(copies(
                "a", List.of(one, twoNew), "b", List.of(twoOld), "c", List.of(one, twoNew)));

        assertThat(r.winners()).containsExactly(one, twoNew);
        assertThat(r.toWrite().get("a")).isEmpty();
        assertThat(r.toWrite().get("b")).containsExactly(one, twoNew);
        assertThat(r.toWrite().get("c")).isEmpty();
        assertThat(r.staleCopies()).isEqualTo(2);
        assertThat(r.consistent()).isFalse();
    }

    @Test
    void anEntryOnlyOneReplicaHoldsIsCopiedToTheOthers() {
        LogEntry three = entry(3, 1, "only on c");
        SegmentReconciliation r = SegmentReconciliation.of(copies("a", List.of(), "b", List.of(), "c", List.of(three)));
        assertThat(r.toWrite().get("a")).containsExactly(three);
        assertThat(r.toWrite().get("b")).containsExactly(three);
        assertThat(r.toWrite().get("c")).isEmpty();
    }

    @Test
    void equalVersionsWithDifferentContentAreSettledByMajority() {
        LogEntry good = entry(1, 5, "as written");
        LogEntry altered = entry(1, 5, "altered in the database");
        SegmentReconciliation r = SegmentReconciliation.of(copies(
                "a", List.of(good), "b", List.of(altered), "c", List.of(good)));
        assertThat(r.winners()).containsExactly(good);
        assertThat(r.toWrite().get("b")).containsExactly(good);
        assertThat(r.staleCopies()).isEqualTo(1);
    }

    @Test
    void aTieBetweenContentsIsBrokenTheSameWayWhateverTheOrder() {
        LogEntry x = entry(1, 5, "x");
        LogEntry y = entry(1, 5, "y");
        LogEntry first = SegmentReconciliation.of(copies("a", List.of(x), "b", List.of(y))).winners().get(0);
        LogEntry second = SegmentReconciliation.of(copies("b", List.of(y), "a", List.of(x))).winners().get(0);
        assertThat(first).isEqualTo(second);
    }

    @Test
    void differentIdsAtOneKeyAreAConflictAndNothingIsWritten() {
        LogEntry mine = entry(1, 5, "mine");
        LogEntry other = new LogEntry(UUID.randomUUID(), "k", 1, mine.timestamp(), LogLevel.INFO, null, null, "other",
                Map.of(), mine.version());
        SegmentReconciliation r = SegmentReconciliation.of(copies("a", List.of(mine), "b", List.of(other)));
        assertThat(r.conflicts()).containsExactly(1L);
        assertThat(r.staleCopies()).isZero();
        assertThat(r.winners()).isEmpty();
    }

    @Test
    void equalReplicasNeedNothing() {
        List<LogEntry> same = List.of(entry(1, 1, "a"), entry(2, 2, "b"));
        assertThat(SegmentReconciliation.of(copies("a", same, "b", same)).consistent()).isTrue();
    }

    @Test
    void aPartitionDigestIsTheXorOfItsSegmentsAndTheirCount() {
        PartitionDigest d = PartitionDigest.of(List.of(new SegmentDigest(0, 0b1100, 3), new SegmentDigest(4, 0b1010, 2)));
        assertThat(d).isEqualTo(new PartitionDigest(0b0110, 5));
        assertThat(PartitionDigest.of(List.of())).isEqualTo(PartitionDigest.EMPTY);
    }
}
