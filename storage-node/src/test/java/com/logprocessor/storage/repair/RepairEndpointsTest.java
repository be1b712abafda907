package com.logprocessor.storage.repair;

import static com.logprocessor.storage.testing.Entries.range;
import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.merkle.EntryHash;
import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.storage.testing.Digests;
import com.logprocessor.storage.testing.StorageHttp;
import com.logprocessor.storage.testing.StorageNodeTest;
import com.logprocessor.support.storage.StorageApi.PartitionDigests;
import com.logprocessor.support.storage.StorageApi.PartitionPage;
import com.logprocessor.support.storage.StorageApi.PartitionSummary;
import com.logprocessor.support.storage.StorageApi.SegmentEntries;
import com.logprocessor.support.storage.StorageApi.StoreBatchRequest;
import com.logprocessor.storage.store.DigestJournal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

@StorageNodeTest
class RepairEndpointsTest {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DigestJournal journal;

    StorageHttp http;
    String prefix;
    String a;
    String b;
    List<LogEntry> aEntries;
    List<LogEntry> bEntries;

    @BeforeEach
    void store() {
        http = new StorageHttp(port, json);
        // Keys under a prefix of their own, so a listing "after" the prefix starts with them.
        prefix = "repair-" + UUID.randomUUID().toString().substring(0, 8);
        a = prefix + "-a";
        b = prefix + "-b";
        aEntries = new ArrayList<>(range(a, 1, 1200));
        aEntries.addAll(range(a, 2501, 2510));
        http.storeBatch(aEntries).expect(200);
        bEntries = range(b, 1, 5);
        http.storeBatch(bEntries).expect(200);
    }

    @Test
    void listsPartitionsInKeyOrderWithMaxSequenceAndCount() {
        PartitionPage page = http.get("/api/storage/partitions?after=" + prefix + "&limit=1").expect(200)
                .as(PartitionPage.class);
        assertThat(page.partitions()).containsExactly(new PartitionSummary(a, 2510, 1210, xorOfHashes(aEntries)));
        assertThat(page.next()).isEqualTo(a);

        PartitionPage second = http.get("/api/storage/partitions?after=" + page.next() + "&limit=1").expect(200)
                .as(PartitionPage.class);
        assertThat(second.partitions()).containsExactly(new PartitionSummary(b, 5, 5, xorOfHashes(bEntries)));

        http.get("/api/storage/partitions?limit=0").problem(400);
        assertThat(http.get("/api/storage/partitions").expect(200).as(PartitionPage.class).partitions()).isNotEmpty();
    }

    private static long xorOfHashes(List<LogEntry> entries) {
        return entries.stream().mapToLong(EntryHash::of).reduce(0, (x, y) -> x ^ y);
    }

    @Test
    void aRepairWriteReplacesAnEqualVersionWithOtherContentAndNoOtherWriteDoes() {
        LogEntry stored = aEntries.get(0);
        LogEntry altered = new LogEntry(stored.id(), stored.partitionKey(), stored.sequence(), stored.timestamp(),
                stored.level(), stored.sourceIp(), stored.service(), "the winning content", stored.attributes(),
                stored.version());

        assertThat(http.storeBatch(List.of(altered)).expect(200).json().get("unchanged").asInt()).isEqualTo(1);
        assertThat(http.entry(a, 1).expect(200).as(LogEntry.class)).isEqualTo(stored);

        assertThat(http.postJson("/api/storage/store/batch?repair=true", http.mapper().writeValueAsString(
                new StoreBatchRequest(List.of(altered)))).expect(200).json().get("updated").asInt()).isEqualTo(1);
        assertThat(http.entry(a, 1).expect(200).as(LogEntry.class)).isEqualTo(altered);
        // The digest followed the content: XOR the old hash out, the new one in.
        List<LogEntry> now = new ArrayList<>(aEntries);
        now.set(0, altered);
        PartitionPage page = http.get("/api/storage/partitions?after=" + prefix + "&limit=1").expect(200)
                .as(PartitionPage.class);
        assertThat(page.partitions().get(0).hash()).isEqualTo(xorOfHashes(now));

        http.postJson("/api/storage/store/batch?repair=maybe", "{\"entries\":[]}").problem(400);
    }

    @Test
    void servesSegmentDigestsAndSegmentRanges() {
        PartitionDigests digests = Digests.stored(http, a);
        assertThat(digests.segmentSize()).isEqualTo(1000);
        assertThat(digests.digests()).extracting(SegmentDigest::segment).containsExactly(0L, 1L, 2L);
        assertThat(digests.digests()).extracting(SegmentDigest::count).containsExactly(1000L, 200L, 10L);

        SegmentEntries segment = http.get("/api/storage/partitions/" + a + "/segments/1").expect(200)
                .as(SegmentEntries.class);
        assertThat(segment.firstSequence()).isEqualTo(1001);
        assertThat(segment.lastSequence()).isEqualTo(2000);
        assertThat(segment.entries()).isEqualTo(aEntries.subList(1000, 1200));
        assertThat(segment.digest()).isEqualTo(Digests.of(1, aEntries.subList(1000, 1200)));

        SegmentEntries empty = http.get("/api/storage/partitions/" + a + "/segments/7").expect(200)
                .as(SegmentEntries.class);
        assertThat(empty.entries()).isEmpty();
        assertThat(empty.digest()).isEqualTo(SegmentDigest.empty(7));
        assertThat(Digests.stored(http, prefix + "-none").digests()).isEmpty();
        http.get("/api/storage/partitions/" + a + "/segments/-1").problem(400);
    }

    @Test
    void verificationFindsAndCorrectsAWrongDigest() {
        SegmentDigest right = Digests.stored(http, a).digests().get(1);
        journal.fold(); // the digests are in segment_digests now, where a fault could hit them
        jdbc.update("UPDATE segment_digests SET hash = hash # 42 WHERE partition_key = ? AND segment = 1", a);
        jdbc.update("DELETE FROM segment_digests WHERE partition_key = ? AND segment = 2", a);
        jdbc.update("UPDATE log_entries SET content_hash = 7 WHERE partition_key = ? AND sequence = 5", a);
        double mismatchesBefore = metric("storage_node_digest_mismatches_total");

        VerificationReport dryRun = http.post("/api/storage/digests/verify?correct=false&partitionKey=" + a)
                .expect(200).as(VerificationReport.class);
        assertThat(dryRun.mismatchedSegments()).isEqualTo(2);
        assertThat(dryRun.entryHashMismatches()).isEqualTo(1);
        assertThat(dryRun.correctedSegments()).isZero();
        assertThat(dryRun.mismatches()).extracting(VerificationReport.Mismatch::segment).containsExactly(1L, 2L);
        assertThat(dryRun.mismatches().get(0).computed()).isEqualTo(right);

        VerificationReport corrected = http.post("/api/storage/digests/verify?partitionKey=" + a).expect(200)
                .as(VerificationReport.class);
        assertThat(corrected.correctedSegments()).isEqualTo(2);

        VerificationReport clean = http.post("/api/storage/digests/verify?partitionKey=" + a).expect(200)
                .as(VerificationReport.class);
        assertThat(clean.mismatchedSegments()).isZero();
        assertThat(clean.entryHashMismatches()).isZero();
        assertThat(clean.entries()).isEqualTo(1210);
        Digests.assertConsistent(http, a, 2);
        assertThat(metric("storage_node_digest_mismatches_total")).isEqualTo(mismatchesBefore + 4);
    }

    @Test
    void verificationOfTheWholeNodeCoversEveryPartition() {
        VerificationReport report = http.post("/api/storage/digests/verify").expect(200).as(VerificationReport.class);

        assertThat(report.partitionKey()).isNull();
        assertThat(report.partitions()).isGreaterThanOrEqualTo(2);
        assertThat(report.entries()).isGreaterThanOrEqualTo(1215);
    }

    private double metric(String name) {
        String metrics = http.get("/actuator/prometheus").expect(200).body();
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*} (\\S+)$").matcher(metrics);
        assertThat(m.find()).as("%s is published", name).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
