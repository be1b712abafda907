package com.logprocessor.storage.store;

import static com.logprocessor.storage.testing.Entries.entry;
import static com.logprocessor.storage.testing.Entries.partition;
import static com.logprocessor.storage.testing.Entries.range;
import static com.logprocessor.storage.testing.Entries.withMessage;
import static com.logprocessor.storage.testing.Entries.withVersion;
import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryCodec;
import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.core.version.LamportVersion;
import com.logprocessor.storage.testing.Digests;
import com.logprocessor.storage.testing.StorageHttp;
import com.logprocessor.storage.testing.StorageNodeTest;
import com.logprocessor.support.storage.StorageApi.Conflict;
import com.logprocessor.support.storage.StorageApi.StoreResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@StorageNodeTest
class StoreEndpointsTest {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    StorageHttp http;

    @BeforeEach
    void client() {
        http = new StorageHttp(port, json);
    }

    @Test
    void aBatchInTheInternalWireFormatIsStoredLikeJson() {
        String key = partition("encoded");
        List<LogEntry> entries = range(key, 1, 5);
        StoreResult result = http.storeBatchEncoded(entries).expect(200).as(StoreResult.class);
        assertThat(result.inserted()).isEqualTo(5);
        for (LogEntry e : entries) {
            assertThat(http.entry(key, e.sequence()).expect(200).as(LogEntry.class)).isEqualTo(e);
        }
        assertThat(http.postBytes("/api/storage/store/batch", LogEntryCodec.MEDIA_TYPE, new byte[] {(byte) 0xB1, 0, 0})
                .problem(400).path("detail").asString()).contains("malformed");
        Digests.assertConsistent(http, key, 0);
    }

    @Test
    void storesABatchAndReadsEveryEntryBackExactly() {
        String a = partition("batch-a");
        String b = partition("batch-b");
        List<LogEntry> entries = new ArrayList<>(range(a, 1, 2100));
        entries.addAll(range(b, 1, 400));
        long countBefore = count();

        StoreResult result = http.storeBatch(entries).expect(200).as(StoreResult.class);

        assertThat(result).isEqualTo(new StoreResult(2500, 0, 0, List.of()));
        for (LogEntry e : List.of(entries.get(0), entries.get(999), entries.get(1000), entries.get(2099),
                entries.get(2499))) {
            assertThat(http.entry(e.partitionKey(), e.sequence()).expect(200).as(LogEntry.class)).isEqualTo(e);
        }
        assertThat(count()).isEqualTo(countBefore + 2500);
        // Segments of 1000: a has 0, 1, 2 (1000 + 1000 + 100 entries), b has 0.
        assertThat(Digests.assertConsistent(http, a, 3)).extracting(SegmentDigest::count)
                .containsExactly(1000L, 1000L, 100L);
        assertThat(Digests.stored(http, a).digests().get(2)).isEqualTo(Digests.of(2, entries.subList(2000, 2100)));
        assertThat(Digests.assertConsistent(http, b, 0)).extracting(SegmentDigest::count).containsExactly(400L);
    }

    @Test
    void storesASingleEntry() {
        LogEntry e = entry(partition("single"), 7);

        assertThat(http.store(e).expect(200).as(StoreResult.class)).isEqualTo(new StoreResult(1, 0, 0, List.of()));
        assertThat(http.store(e).expect(200).as(StoreResult.class)).isEqualTo(new StoreResult(0, 0, 1, List.of()));
        assertThat(http.entry(e.partitionKey(), 7).expect(200).as(LogEntry.class)).isEqualTo(e);
    }

    @Test
    void storingTheSameBatchTwiceChangesNothing() {
        String key = partition("twice");
        List<LogEntry> entries = range(key, 1, 1500);
        http.storeBatch(entries).expect(200);
        List<SegmentDigest> digests = Digests.stored(http, key).digests();
        long countBefore = count();

        StoreResult again = http.storeBatch(entries).expect(200).as(StoreResult.class);

        assertThat(again).isEqualTo(new StoreResult(0, 0, 1500, List.of()));
        assertThat(Digests.stored(http, key).digests()).isEqualTo(digests);
        assertThat(count()).isEqualTo(countBefore);
    }

    /**
     * Below {@code storage.write.copy-from-entries} (64) new entries go in with one multi-statement
     * round trip, from it on with binary COPY: both store every field exactly and journal the same
     * digests. A small batch that collides with a stored key is rolled back whole (its journal row
     * too) before the careful path applies it.
     */
    @Test
    void smallAndLargeBatchesAreStoredAlikeAndACollidingSmallBatchLeavesNoTrace() {
        String small = partition("small");
        String large = partition("large");
        List<LogEntry> few = range(small, 1, 63);
        List<LogEntry> many = range(large, 1, 64);

        assertThat(http.storeBatch(few).expect(200).as(StoreResult.class)).isEqualTo(new StoreResult(63, 0, 0, List.of()));
        assertThat(http.storeBatch(many).expect(200).as(StoreResult.class)).isEqualTo(new StoreResult(64, 0, 0, List.of()));
        for (LogEntry e : List.of(few.get(0), few.get(1), few.get(62), many.get(0), many.get(1), many.get(63))) {
            assertThat(http.entry(e.partitionKey(), e.sequence()).expect(200).as(LogEntry.class)).isEqualTo(e);
        }
        assertThat(Digests.assertConsistent(http, small, 0)).containsExactly(Digests.of(0, few));
        assertThat(Digests.assertConsistent(http, large, 0)).containsExactly(Digests.of(0, many));

        // Two stored keys and one new one: the one-round-trip insert fails on the stored keys.
        List<LogEntry> colliding = List.of(few.get(0), few.get(1), entry(small, 64));
        long countBefore = count();
        assertThat(http.storeBatch(colliding).expect(200).as(StoreResult.class))
                .isEqualTo(new StoreResult(1, 0, 2, List.of()));
        assertThat(count()).isEqualTo(countBefore + 1);
        List<LogEntry> all = new ArrayList<>(few);
        all.add(colliding.get(2));
        assertThat(Digests.assertConsistent(http, small, 0)).containsExactly(Digests.of(0, all));
    }

    @Test
    void anOlderOrEqualVersionNeverOverwritesANewerOne() {
        String key = partition("versions");
        LogEntry stored = withVersion(entry(key, 1), 5, "coordinator-b");
        http.storeBatch(List.of(stored)).expect(200);
        List<SegmentDigest> digests = Digests.stored(http, key).digests();

        List<LogEntry> stale = List.of(
                withMessage(withVersion(stored, 4, "coordinator-z"), "older counter"),
                withMessage(withVersion(stored, 5, "coordinator-a"), "same counter, smaller writer"),
                withMessage(withVersion(stored, 5, "coordinator-b"), "equal version"));
        for (LogEntry e : stale) {
            assertThat(http.storeBatch(List.of(e)).expect(200).as(StoreResult.class))
                    .isEqualTo(new StoreResult(0, 0, 1, List.of()));
        }

        assertThat(http.entry(key, 1).expect(200).as(LogEntry.class)).isEqualTo(stored);
        assertThat(Digests.stored(http, key).digests()).isEqualTo(digests);
    }

    @Test
    void aNewerVersionReplacesTheEntryAndTheDigestFollows() {
        String key = partition("newer");
        List<LogEntry> entries = range(key, 1, 10);
        http.storeBatch(entries).expect(200);
        long countBefore = count();

        LogEntry newer = withMessage(withVersion(entries.get(3), 2, "coordinator-1"), "rewritten by repair");
        LogEntry sameCounterBiggerWriter = withMessage(withVersion(entries.get(4), 1, "coordinator-2"), "lww");
        StoreResult result = http.storeBatch(List.of(newer, sameCounterBiggerWriter)).expect(200)
                .as(StoreResult.class);

        assertThat(result).isEqualTo(new StoreResult(0, 2, 0, List.of()));
        assertThat(http.entry(key, 4).expect(200).as(LogEntry.class)).isEqualTo(newer);
        assertThat(http.entry(key, 5).expect(200).as(LogEntry.class)).isEqualTo(sameCounterBiggerWriter);
        List<LogEntry> expected = new ArrayList<>(entries);
        expected.set(3, newer);
        expected.set(4, sameCounterBiggerWriter);
        assertThat(Digests.assertConsistent(http, key, 0)).containsExactly(Digests.of(0, expected));
        assertThat(count()).isEqualTo(countBefore);
    }

    @Test
    void withinABatchTheNewestCopyOfAKeyWins() {
        String key = partition("copies");
        LogEntry v1 = entry(key, 1);
        LogEntry v3 = withVersion(v1, 3, "w");
        LogEntry v2 = withVersion(v1, 2, "w");

        StoreResult result = http.storeBatch(List.of(v1, v3, v2)).expect(200).as(StoreResult.class);

        assertThat(result).isEqualTo(new StoreResult(1, 0, 2, List.of()));
        assertThat(http.entry(key, 1).expect(200).as(LogEntry.class)).isEqualTo(v3);
        Digests.assertConsistent(http, key, 0);
    }

    @Test
    void anIdStoredAtAnotherKeyIsAConflictAndIsNotStored() {
        String key = partition("conflict");
        LogEntry stored = entry(key, 1);
        http.storeBatch(List.of(stored)).expect(200);
        LogEntry sameIdElsewhere = new LogEntry(stored.id(), key, 2, stored.timestamp(), stored.level(),
                stored.sourceIp(), stored.service(), "redelivered with a new sequence", stored.attributes(),
                stored.version());
        LogEntry fresh = entry(key, 3);

        StoreResult result = http.storeBatch(List.of(sameIdElsewhere, fresh)).expect(200).as(StoreResult.class);

        assertThat(result.inserted()).isEqualTo(1);
        assertThat(result.conflicts()).containsExactly(new Conflict(stored.id(), key, 2, key, 1));
        http.entry(key, 2).problem(404);
        assertThat(http.entry(key, 1).expect(200).as(LogEntry.class)).isEqualTo(stored);
        Digests.assertConsistent(http, key, 0);
    }

    @Test
    void anIdRepeatedAtAnotherKeyInOneBatchIsStoredOnce() {
        String key = partition("conflict-in-batch");
        LogEntry first = entry(key, 1);
        LogEntry second = new LogEntry(first.id(), key, 2, first.timestamp(), LogLevel.WARN, null, null, "again",
                Map.of(), first.version());

        StoreResult result = http.storeBatch(List.of(first, second)).expect(200).as(StoreResult.class);

        assertThat(result).isEqualTo(new StoreResult(1, 0, 0, List.of(new Conflict(first.id(), key, 2, key, 1))));
        http.entry(key, 2).problem(404);
    }

    @Test
    void aKeyHoldsOneEntryForGoodWhateverTheVersionOfAnother() {
        String key = partition("other-id");
        List<LogEntry> entries = range(key, 1, 3);
        http.storeBatch(entries).expect(200);

        // Another entry at sequence 1, even with a newer version, is a conflict: versions order
        // copies of one entry, they never let one acknowledged entry replace another.
        LogEntry intruder = withVersion(entry(key, 1), 9, "coordinator-2");
        // A newer version at sequence 2 whose id is stored at sequence 3 is a conflict too.
        LogEntry duplicateId = new LogEntry(entries.get(2).id(), key, 2, intruder.timestamp(), LogLevel.ERROR,
                null, null, "dup", Map.of(), new LamportVersion(9, "coordinator-2"));

        StoreResult result = http.storeBatch(List.of(intruder, duplicateId)).expect(200).as(StoreResult.class);

        assertThat(result.inserted() + result.updated() + result.unchanged()).isZero();
        assertThat(result.conflicts()).containsExactlyInAnyOrder(
                new Conflict(intruder.id(), key, 1, key, 1),
                new Conflict(entries.get(2).id(), key, 2, key, 2));
        assertThat(http.entry(key, 1).expect(200).as(LogEntry.class)).isEqualTo(entries.get(0));
        assertThat(http.entry(key, 2).expect(200).as(LogEntry.class)).isEqualTo(entries.get(1));
        Digests.assertConsistent(http, key, 0);
    }


    @Test
    void aBatchWithAnInvalidEntryIsRejectedWholeWithEveryViolation() {
        String key = partition("invalid");
        LogEntry good = entry(key, 1);
        LogEntry emptyMessage = withMessage(entry(key, 2), "");
        LogEntry bad = new LogEntry(UUID.randomUUID(), key, 0, Instant.now(), LogLevel.INFO, "not-an-ip", null,
                "m", Map.of(), null);
        long countBefore = count();

        JsonNode problem = http.storeBatch(List.of(good, emptyMessage, bad)).problem(400);

        assertThat(problem.path("detail").asString()).contains("2 of 3 entries are invalid").contains("nothing was stored");
        assertThat(fields(problem)).contains("entries[1].message", "entries[2].sequence", "entries[2].version",
                "entries[2].sourceIp");
        http.entry(key, 1).problem(404);
        assertThat(count()).isEqualTo(countBefore);
        assertThat(Digests.stored(http, key).digests()).isEmpty();
    }

    @Test
    void textPostgresqlCannotHoldIsBadInput() {
        String key = partition("nul");

        // Escaped in the JSON text: a lone surrogate in a Java string would not survive UTF-8 encoding.
        LogEntry farFuture = entry(key, 4);
        farFuture = new LogEntry(farFuture.id(), key, 4, Instant.parse("+10000-01-01T00:00:00Z"), farFuture.level(),
                null, null, "m", Map.of(), farFuture.version());
        String body = json.writeValueAsString(Map.of("entries", List.of(entry(key, 1),
                        withMessage(entry(key, 2), "a\u0000b"), withMessage(entry(key, 3), "LONE"), farFuture)))
                .replace("LONE", "lone \\ud800 surrogate");

        JsonNode problem = http.postJson("/api/storage/store/batch", body).problem(400);

        assertThat(fields(problem)).containsExactly("entries[1].message", "entries[2].message", "entries[3].timestamp");
        http.entry(key, 1).problem(404);
    }

    @Test
    void malformedOrMistypedJsonIsAProblemNamingThePlace() {
        JsonNode malformed = http.postJson("/api/storage/store/batch", "{\"entries\": [ {\"id\": ").problem(400);
        assertThat(malformed.path("detail").asString()).contains("not valid JSON");

        String key = partition("mistyped");
        String entry = json.writeValueAsString(entry(key, 1));
        JsonNode badLevel = http.postJson("/api/storage/store/batch",
                "{\"entries\":[" + entry + "," + entry.replace("\"INFO\"", "\"LOUD\"") + "]}").problem(400);
        assertThat(fields(badLevel)).containsExactly("entries[1].level");

        JsonNode badVersion = http.postJson("/api/storage/store/batch",
                "{\"entries\":[" + entry.replace("\"counter\":1", "\"counter\":-1") + "]}").problem(400);
        assertThat(badVersion.path("detail").asString()).contains("must not be negative");

        http.postJson("/api/storage/store/batch", "{}").problem(400);
        http.postJson("/api/storage/store/batch", "").problem(400);
        http.postJson("/api/storage/store", "[]").problem(400);
        http.entry(key, 1).problem(404);
    }

    @Test
    void aBatchOverTenThousandEntriesIsTooLarge() {
        String key = partition("oversize");
        long countBefore = count();

        JsonNode problem = http.storeBatch(range(key, 1, 10_001)).problem(413);

        assertThat(problem.path("detail").asString()).contains("10001 entries").contains("at most 10000");
        http.entry(key, 1).problem(404);
        assertThat(count()).isEqualTo(countBefore);
    }

    @Test
    void theCountIsPublishedAsAGaugeWithTheNodeIdAndWritesAreTimed() {
        String key = partition("metrics");
        double before = logCountMetric();

        http.storeBatch(range(key, 1, 25)).expect(200);
        http.storeBatch(range(key, 1, 25)).expect(200);

        assertThat(logCountMetric()).isEqualTo(before + 25);
        String metrics = prometheus();
        assertThat(metrics).contains("storage_node_write_seconds_count{")
                .containsPattern("storage_node_write_seconds_bucket\\{[^}]*le=\"\\+Inf\"")
                .containsPattern("storage_node_entries_total\\{[^}]*outcome=\"unchanged\"");
        assertThat(http.get("/api/storage/count").expect(200).json().path("nodeId").asString())
                .isEqualTo("storage-node-1");
    }

    private long count() {
        return http.get("/api/storage/count").expect(200).json().path("count").asLong();
    }

    private String prometheus() {
        return http.get("/actuator/prometheus").expect(200).body();
    }

    private double logCountMetric() {
        Matcher m = Pattern.compile("(?m)^storage_node_log_count\\{[^}]*node=\"storage-node-1\"[^}]*} (\\S+)$")
                .matcher(prometheus());
        assertThat(m.find()).as("storage_node_log_count{node=\"storage-node-1\"} is published").isTrue();
        return Double.parseDouble(m.group(1));
    }

    static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }
}
