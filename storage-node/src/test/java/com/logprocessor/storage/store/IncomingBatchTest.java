package com.logprocessor.storage.store;

import static com.logprocessor.storage.testing.Entries.entry;
import static com.logprocessor.storage.testing.Entries.withVersion;
import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.merkle.EntryHash;
import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.core.merkle.Segments;
import com.logprocessor.support.storage.StorageApi.Conflict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory part of the write path: idempotency within one batch and digest deltas. */
class IncomingBatchTest {

    @Test
    void keepsTheNewestCopyOfEachKeyAndBindsAnIdToItsFirstKey() {
        LogEntry a1 = entry("p", 1);
        LogEntry a1newer = withVersion(a1, 7, "w");
        LogEntry b = entry("p", 2);
        LogEntry bIdAtThree = new LogEntry(b.id(), "p", 3, b.timestamp(), b.level(), null, null, "x", null,
                b.version());

        IncomingBatch batch = IncomingBatch.of(List.of(a1, b, a1newer, a1, bIdAtThree));

        assertThat(batch.candidates()).extracting(IncomingBatch.Candidate::entry).containsExactly(a1newer, b);
        assertThat(batch.candidates().get(0).hash()).isEqualTo(EntryHash.of(a1newer));
        assertThat(batch.superseded()).isEqualTo(2);
        assertThat(batch.conflicts()).containsExactly(new Conflict(b.id(), "p", 3, "p", 2));
    }

    @Test
    void digestDeltasAddUpLikeApplyingEntriesOneByOne() {
        Segments segments = new Segments(10);
        DigestDeltas deltas = new DigestDeltas(segments);
        deltas.inserted(new EntryKey("p", 1), 0xA);
        deltas.inserted(new EntryKey("p", 10), 0xB);
        deltas.inserted(new EntryKey("p", 11), 0xC);
        deltas.replaced(new EntryKey("p", 5), 0xD, 0xE);

        assertThat(deltas.deltas()).containsEntry(new DigestDeltas.SegmentKey("p", 0),
                SegmentDigest.empty(0).add(0xA).add(0xB).replace(0xD, 0xE));
        assertThat(deltas.deltas()).containsEntry(new DigestDeltas.SegmentKey("p", 1), new SegmentDigest(1, 0xC, 1));
        SegmentDigest stored = new SegmentDigest(0, 0x1234 ^ 0xD, 4);
        assertThat(stored.merge(deltas.deltas().get(new DigestDeltas.SegmentKey("p", 0))))
                .isEqualTo(new SegmentDigest(0, 0x1234 ^ 0xA ^ 0xB ^ 0xE, 6));
    }
}
