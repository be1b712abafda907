package com.logprocessor.storage.store;

import static com.logprocessor.storage.testing.Entries.entry;
import static com.logprocessor.storage.testing.Entries.partition;
import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.version.LamportVersion;
import com.logprocessor.storage.repair.VerificationReport;
import com.logprocessor.storage.testing.Digests;
import com.logprocessor.storage.testing.StorageHttp;
import com.logprocessor.storage.testing.StorageNodeTest;
import com.logprocessor.support.storage.StorageApi.SegmentEntries;
import com.logprocessor.support.storage.StorageApi.StoreResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * Coordinator writes, hint replays and repairs race on the same keys: whatever the interleaving,
 * each key ends with the newest version sent and every digest equals a recomputation.
 */
@StorageNodeTest
class ConcurrentWritesTest {

    static final int WRITERS = 6;
    static final int BATCHES_PER_WRITER = 12;
    static final int KEYS_PER_PARTITION = 1200;

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    DigestJournal journal;

    @Test
    void concurrentFreshBatchesIntoTheSamePartitionsAreAllInserted() throws Exception {
        StorageHttp http = new StorageHttp(port, json);
        List<String> partitions = List.of(partition("fresh-a"), partition("fresh-b"));
        // Writer w owns sequences w+1, w+1+WRITERS, …: disjoint new keys in the same partitions and
        // segments, so every batch takes the fast path and they only share digest rows.
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                start.await();
                int inserted = 0;
                for (int b = 0; b < 4; b++) {
                    List<LogEntry> batch = new ArrayList<>();
                    for (String p : partitions) {
                        for (int i = 0; i < 100; i++) {
                            batch.add(entry(p, 1 + writer + (long) WRITERS * (b * 100 + i)));
                        }
                    }
                    inserted += http.storeBatch(batch).expect(200).as(StoreResult.class).inserted();
                }
                return inserted;
            }));
        }
        int inserted = releaseAndSum(start, writers, pool);

        assertThat(inserted).isEqualTo(WRITERS * 4 * 100 * partitions.size());
        for (String p : partitions) {
            long lastSequence = (long) WRITERS * 400;
            assertThat(Digests.assertConsistent(http, p, (lastSequence - 1) / 1000))
                    .extracting(com.logprocessor.core.merkle.SegmentDigest::count).containsExactly(1000L, 1000L, 400L);
        }
    }

    @Test
    void concurrentBatchesOnTheSameKeysKeepEntriesAndDigestsConsistent() throws Exception {
        StorageHttp http = new StorageHttp(port, json);
        List<String> partitions = List.of(partition("race-a"), partition("race-b"), partition("race-c"));
        // One base entry per key (same id on every copy); copies differ in version and message.
        Map<String, List<LogEntry>> base = new ConcurrentHashMap<>();
        for (String p : partitions) {
            List<LogEntry> entries = new ArrayList<>();
            for (long s = 1; s <= KEYS_PER_PARTITION; s++) {
                entries.add(entry(p, s));
            }
            base.put(p, entries);
        }
        Map<String, LamportVersion> newestSent = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                SplittableRandom random = new SplittableRandom(writer);
                start.await();
                int stored = 0;
                for (int b = 0; b < BATCHES_PER_WRITER; b++) {
                    List<LogEntry> batch = new ArrayList<>();
                    // Overlapping key ranges in all partitions, shuffled, with random versions.
                    for (String p : partitions) {
                        int from = random.nextInt(KEYS_PER_PARTITION - 300);
                        for (int i = from; i < from + 300; i++) {
                            LamportVersion v = new LamportVersion(random.nextInt(1, 20), "writer-" + random.nextInt(3));
                            LogEntry e = base.get(p).get(i);
                            batch.add(new LogEntry(e.id(), e.partitionKey(), e.sequence(), e.timestamp(), e.level(),
                                    e.sourceIp(), e.service(), "v" + v, e.attributes(), v));
                            newestSent.merge(p + "/" + e.sequence(), v, LamportVersion::newest);
                        }
                    }
                    Collections.shuffle(batch, new java.util.Random(random.nextLong()));
                    StoreResult r = http.storeBatch(batch).expect(200).as(StoreResult.class);
                    assertThat(r.total()).isEqualTo(batch.size());
                    assertThat(r.conflicts()).isEmpty();
                    stored += r.inserted();
                }
                return stored;
            }));
        }
        // The digest journal is folded over and over while the writers race.
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        ExecutorService folder = Executors.newSingleThreadExecutor();
        Future<Integer> folded = folder.submit(() -> {
            int changed = 0;
            while (writing.get()) {
                changed += journal.fold();
            }
            return changed;
        });
        int inserted;
        try {
            inserted = releaseAndSum(start, writers, pool);
        } finally {
            writing.set(false);
            folder.shutdown();
        }
        assertThat(folded.get()).as("digest rows changed by folds during the race").isPositive();

        assertThat(inserted).as("each key inserted exactly once").isEqualTo(newestSent.size());
        for (String p : partitions) {
            Digests.assertConsistent(http, p, (KEYS_PER_PARTITION - 1) / 1000);
            for (long s = 1; s <= KEYS_PER_PARTITION; s++) {
                LamportVersion newest = newestSent.get(p + "/" + s);
                if (newest != null && s % 97 == 0) {
                    assertThat(http.entry(p, s).expect(200).as(LogEntry.class).version()).isEqualTo(newest);
                }
            }
            VerificationReport report = http.post("/api/storage/digests/verify?partitionKey=" + StorageHttp.encode(p))
                    .expect(200).as(VerificationReport.class);
            assertThat(report.mismatchedSegments()).isZero();
            assertThat(report.entryHashMismatches()).isZero();
        }
        // Every stored version is the newest sent for its key.
        for (String p : partitions) {
            for (long segment = 0; segment <= (KEYS_PER_PARTITION - 1) / 1000; segment++) {
                http.get("/api/storage/partitions/" + StorageHttp.encode(p) + "/segments/" + segment).expect(200)
                        .as(SegmentEntries.class).entries()
                        .forEach(e -> assertThat(e.version()).isEqualTo(newestSent.get(p + "/" + e.sequence())));
            }
        }
    }

    /** Lets the waiting writers go at once and adds up what each reports as inserted. */
    private static int releaseAndSum(CountDownLatch start, List<Future<Integer>> writers, ExecutorService pool)
            throws Exception {
        start.countDown();
        int inserted = 0;
        for (Future<Integer> f : writers) {
            inserted += f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        return inserted;
    }
}
