package com.logprocessor.storage.store;

import static com.logprocessor.storage.testing.Entries.partition;
import static com.logprocessor.storage.testing.Entries.range;
import static com.logprocessor.storage.testing.Entries.withVersion;
import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.merkle.EntryHash;
import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.storage.repair.VerificationReport;
import com.logprocessor.storage.testing.Digests;
import com.logprocessor.storage.testing.StorageHttp;
import com.logprocessor.storage.testing.StorageNodeTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes journal their digest changes and a fold moves them into segment_digests (migration V4):
 * digests and counts read the same before and after a fold, and a correction by the verifier
 * while changes are still journaled does not count them twice; the node's digest (on {@code
 * /api/storage/count}) follows every write, journaled or folded. Tests run with the scheduled fold
 * off ({@code StorageNodeTest}), so they fold exactly when they say.
 */
@StorageNodeTest
class DigestJournalTest {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DigestJournal journal;

    @Test
    void digestsAndCountsReadTheSameBeforeAndAfterAFold() {
        StorageHttp http = new StorageHttp(port, json);
        journal.fold();
        long digestBefore = digest(http);
        String p = partition("journal");
        List<LogEntry> entries = range(p, 1, 1500);
        http.storeBatch(entries.subList(0, 700)).expect(200);
        http.storeBatch(entries.subList(700, 1500)).expect(200);
        List<SegmentDigest> expected = List.of(Digests.of(0, entries.subList(0, 1000)),
                Digests.of(1, entries.subList(1000, 1500)));
        long count = count(http);
        long digest = digest(http);
        // The node's digest is the XOR of every entry's content hash: these entries' in, whatever was before kept.
        assertThat(digest).isEqualTo(digestBefore ^ EntryHash.xorOf(entries));

        // Not folded yet: the changes are only in the journal, and readers add them up.
        assertThat(folded(p)).isZero();
        assertThat(journalRows()).isEqualTo(2);
        assertThat(Digests.stored(http, p).digests()).isEqualTo(expected);
        assertThat(segmentDigest(http, p, 1)).isEqualTo(expected.get(1));

        assertThat(journal.fold()).isEqualTo(2); // two segment rows created from two journal rows
        assertThat(journalRows()).isZero();
        assertThat(folded(p)).isEqualTo(2);
        assertThat(Digests.stored(http, p).digests()).isEqualTo(expected);
        assertThat(segmentDigest(http, p, 1)).isEqualTo(expected.get(1));
        assertThat(count(http)).isEqualTo(count);
        assertThat(digest(http)).isEqualTo(digest);

        // A newer version of stored entries journals "XOR old out, new in"; the next fold applies it.
        List<LogEntry> newer = new ArrayList<>();
        for (LogEntry e : entries.subList(990, 1010)) {
            newer.add(withVersion(e, 99, "repair"));
        }
        http.storeBatch(newer).expect(200);
        List<LogEntry> now = new ArrayList<>(entries);
        for (int i = 0; i < newer.size(); i++) {
            now.set(990 + i, newer.get(i));
        }
        List<SegmentDigest> after = List.of(Digests.of(0, now.subList(0, 1000)), Digests.of(1, now.subList(1000, 1500)));
        assertThat(Digests.stored(http, p).digests()).isEqualTo(after);
        assertThat(digest(http)).isEqualTo(digestBefore ^ EntryHash.xorOf(now));
        journal.fold();
        assertThat(Digests.stored(http, p).digests()).isEqualTo(after);
        assertThat(count(http)).isEqualTo(count);
        assertThat(digest(http)).isEqualTo(digestBefore ^ EntryHash.xorOf(now)).isNotEqualTo(digest);
    }

    @Test
    void aCorrectionWhileChangesAreJournaledCountsThemOnce() {
        StorageHttp http = new StorageHttp(port, json);
        String p = partition("journal-fix");
        List<LogEntry> entries = range(p, 1, 600);
        http.storeBatch(entries.subList(0, 400)).expect(200);
        journal.fold();
        jdbc.update("UPDATE segment_digests SET hash = hash # 42, entry_count = entry_count + 3 WHERE partition_key = ?", p);
        http.storeBatch(entries.subList(400, 600)).expect(200); // journaled, not folded

        VerificationReport report = http.post("/api/storage/digests/verify?partitionKey=" + StorageHttp.encode(p))
                .expect(200).as(VerificationReport.class);
        assertThat(report.mismatchedSegments()).isEqualTo(1);
        assertThat(report.correctedSegments()).isEqualTo(1);

        SegmentDigest right = Digests.of(0, entries);
        assertThat(Digests.stored(http, p).digests()).containsExactly(right);
        journal.fold();
        assertThat(Digests.stored(http, p).digests()).containsExactly(right);
        assertThat(folded(p)).isEqualTo(1);
    }

    private SegmentDigest segmentDigest(StorageHttp http, String p, long segment) {
        return http.get("/api/storage/partitions/" + StorageHttp.encode(p) + "/segments/" + segment).expect(200)
                .as(com.logprocessor.support.storage.StorageApi.SegmentEntries.class).digest();
    }

    private long count(StorageHttp http) {
        return http.get("/api/storage/count").expect(200).json().get("count").asLong();
    }

    private long digest(StorageHttp http) {
        return http.get("/api/storage/count").expect(200).json().get("digest").asLong();
    }

    private int folded(String p) {
        return jdbc.queryForObject("SELECT count(*) FROM segment_digests WHERE partition_key = ?", Integer.class, p);
    }

    private int journalRows() {
        return jdbc.queryForObject("SELECT count(*) FROM segment_digest_journal", Integer.class);
    }
}
