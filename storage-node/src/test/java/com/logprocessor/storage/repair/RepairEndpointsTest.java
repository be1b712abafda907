package com.logprocessor.storage.repair;

import static com.logprocessor.storage.testing.Entries.range;
import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.merkle.EntryHash;
import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.storage.testing.Digests;
import com.logprocessor.storage.testing.StorageHttp;
import com.logprocessor.storage.testing.StorageNodeTest;
import com.logprocessor.support.storage.StorageApi.DigestsList;
import com.logprocessor.support.storage.StorageApi.PartitionDigests;
import com.logprocessor.support.storage.StorageApi.PartitionPage;
import com.logprocessor.support.storage.StorageApi.PartitionSummary;
import com.logprocessor.support.storage.StorageApi.SegmentEntries;
import com.logprocessor.support.storage.StorageApi.SequenceRange;
import com.logprocessor.support.storage.StorageApi.StoreBatchRequest;
import com.logprocessor.support.storage.StorageNodeClient;
import java.time.Duration;
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
        assertThat(page.partitions()).containsExactly(new PartitionSummary(a, 2510L, 1210, EntryHash.xorOf(aEntries), 2));
        assertThat(page.next()).isEqualTo(a);

        PartitionPage second = http.get("/api/storage/partitions?after=" + page.next() + "&limit=1").expect(200)
                .as(PartitionPage.class);
        assertThat(second.partitions()).containsExactly(new PartitionSummary(b, 5L, 5, EntryHash.xorOf(bEntries), 0));

        // A page aggregates the digest rows up to the limit-th: a's three segments make a page of one
        // (once folded from the journal into segment_digests, where the page bound is looked up).
        journal.fold();
        PartitionPage shorter = http.get("/api/storage/partitions?after=" + prefix + "&limit=2").expect(200)
                .as(PartitionPage.class);
        assertThat(shorter.partitions()).extracting(PartitionSummary::partitionKey).containsExactly(a);
        assertThat(shorter.next()).isEqualTo(a);

        PartitionPage withoutMaxSequence = http.get("/api/storage/partitions?after=" + prefix
                + "&limit=1&maxSequence=false").expect(200).as(PartitionPage.class);
        assertThat(withoutMaxSequence.partitions())
                .containsExactly(new PartitionSummary(a, null, 1210, EntryHash.xorOf(aEntries), 2));

        http.get("/api/storage/partitions?limit=0").problem(400);
        http.get("/api/storage/partitions?maxSequence=perhaps").problem(400);
        // A key no partition can have (U+0000, which PostgreSQL text cannot hold) is the client's mistake.
        http.get("/api/storage/partitions?after=%00").problem(400);
        http.post("/api/storage/digests/verify?partitionKey=a%00b").problem(400);
        assertThat(http.get("/api/storage/partitions").expect(200).as(PartitionPage.class).partitions()).isNotEmpty();
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
        assertThat(page.partitions().get(0).hash()).isEqualTo(EntryHash.xorOf(now));

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
    void servesFineDigestsAndEntriesOfManyPartitionsAndRangesInOneCall() {
        StorageNodeClient client = new StorageNodeClient(json, Duration.ofSeconds(1), Duration.ofSeconds(10),
                com.logprocessor.support.security.InternalToken.NONE);
        String url = "http://127.0.0.1:" + port;
        DigestsList fine = client.digests(url, List.of(b, a, prefix + "-none"), 4).join();
        assertThat(fine.segmentSize()).isEqualTo(4);
        assertThat(fine.storedSegmentSize()).isEqualTo(1000);
        // In key order, the partition it does not hold left out; segments as Digests.of over width 4.
        assertThat(fine.partitions()).extracting(PartitionDigests::partitionKey).containsExactly(a, b);
        assertThat(fine.partitions().get(1).digests()).containsExactly(Digests.of(0, bEntries.subList(0, 4)),
                Digests.of(1, bEntries.subList(4, 5)));
        List<SegmentDigest> ofA = fine.partitions().get(0).digests();
        assertThat(ofA).hasSize(300 + 3); // 1..1200 in 300 fine segments; 2501..2510 in 625, 626, 627
        assertThat(ofA.get(299)).isEqualTo(Digests.of(299, aEntries.subList(1196, 1200)));
        assertThat(ofA.get(300)).isEqualTo(Digests.of(625, aEntries.subList(1200, 1204)));
        // The fine digests follow a row changed behind the node's back only through its content hash,
        // as the stored digests do (the node's verification recomputes it).
        jdbc.update("UPDATE log_entries SET content_hash = content_hash # 1 WHERE partition_key = ? AND sequence = 5", b);
        assertThat(client.digests(url, List.of(b), 4).join().partitions().get(0).digests().get(1))
                .isNotEqualTo(Digests.of(1, bEntries.subList(4, 5)));

        List<LogEntry> entries = client.entries(url, List.of(new SequenceRange(a, 999, 1002),
                new SequenceRange(b, 4, 9), new SequenceRange(prefix + "-none", 1, 1000))).join();
        List<LogEntry> expected = new ArrayList<>(aEntries.subList(998, 1002));
        expected.addAll(bEntries.subList(3, 5));
        assertThat(entries).containsExactlyInAnyOrderElementsOf(expected);

        http.postJson("/api/storage/partitions/digests", "{\"partitionKeys\":[],\"segmentSize\":4}").problem(400);
        http.postJson("/api/storage/partitions/digests", "{\"partitionKeys\":[\"a\"],\"segmentSize\":1001}")
                .problem(400);
        http.postJson("/api/storage/partitions/digests", "{\"partitionKeys\":[\"a\\u0000\"],\"segmentSize\":4}")
                .problem(400);
        http.postJson("/api/storage/partitions/digests", "not json").problem(400);
        http.postJson("/api/storage/partitions/entries", "{\"ranges\":[]}").problem(400);
        http.postJson("/api/storage/partitions/entries",
                "{\"ranges\":[{\"partitionKey\":\"a\",\"firstSequence\":1,\"lastSequence\":1001}]}").problem(400);
        http.postJson("/api/storage/partitions/entries",
                "{\"ranges\":[{\"partitionKey\":\"a\",\"firstSequence\":5,\"lastSequence\":4}]}").problem(400);
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
