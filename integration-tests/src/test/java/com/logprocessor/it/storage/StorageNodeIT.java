package com.logprocessor.it.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.core.version.LamportVersion;
import com.logprocessor.it.support.Http;
import com.logprocessor.it.support.TestCluster;
import com.logprocessor.support.storage.StorageApi.PartitionDigests;
import com.logprocessor.support.storage.StorageApi.StoreResult;
import com.logprocessor.support.storage.StorageNodeClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** One storage node over HTTP, with its own PostgreSQL database. */
@Order(20)
class StorageNodeIT {

    private final StorageNodeClient client = new StorageNodeClient(Http.JSON, Duration.ofSeconds(2), Duration.ofSeconds(30),
            Http.token());

    private static List<LogEntry> batch(String key, int size, long counter) {
        List<LogEntry> entries = new ArrayList<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS); // PostgreSQL keeps microseconds
        for (int i = 1; i <= size; i++) {
            entries.add(new LogEntry(UUID.randomUUID(), key, i, now.plusMillis(i), LogLevel.INFO, "10.1.1." + (i % 250),
                    "it", "entry " + i, Map.of("i", Integer.toString(i)), new LamportVersion(counter, "it-writer")));
        }
        return entries;
    }

    private static String uniqueKey() {
        return "it-" + UUID.randomUUID();
    }

    @Test
    void aBatchIsStoredAndReadsBackAndStoringItTwiceChangesNothing() {
        String node = TestCluster.nodeUrl(1);
        String key = uniqueKey();
        List<LogEntry> entries = batch(key, 50, 10);

        StoreResult first = client.storeBatch(node, entries).join();
        assertThat(first.inserted()).isEqualTo(50);
        for (LogEntry e : entries) {
            assertThat(client.read(node, key, e.sequence()).join()).hasValue(e);
        }
        long count = client.count(node).join().count();
        PartitionDigests digests = client.digests(node, key).join();

        StoreResult again = client.storeBatch(node, entries).join();
        assertThat(again.inserted()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(50);
        assertThat(client.count(node).join().count()).isEqualTo(count);
        assertThat(client.digests(node, key).join()).isEqualTo(digests);
    }

    @Test
    void anOlderVersionNeverOverwritesANewerOne() {
        String node = TestCluster.nodeUrl(1);
        String key = uniqueKey();
        LogEntry v5 = batch(key, 1, 5).get(0);
        client.storeBatch(node, List.of(v5)).join();

        LogEntry v3 = new LogEntry(v5.id(), key, 1, v5.timestamp(), LogLevel.ERROR, v5.sourceIp(), v5.service(),
                "older", v5.attributes(), new LamportVersion(3, "it-writer"));
        assertThat(client.storeBatch(node, List.of(v3)).join().unchanged()).isEqualTo(1);
        LogEntry sameVersion = v3.withVersion(v5.version());
        assertThat(client.storeBatch(node, List.of(sameVersion)).join().unchanged()).isEqualTo(1);
        assertThat(client.read(node, key, 1).join()).hasValue(v5);

        LogEntry v7 = v3.withVersion(new LamportVersion(7, "it-writer"));
        assertThat(client.storeBatch(node, List.of(v7)).join().updated()).isEqualTo(1);
        assertThat(client.read(node, key, 1).join()).hasValue(v7);
    }

    @Test
    void aRestartedNodeKeepsItsData() {
        String key = uniqueKey();
        List<LogEntry> entries = batch(key, 20, 1);
        client.storeBatch(TestCluster.nodeUrl(3), entries).join();

        TestCluster.get().kill("storage-node-3"); // a crash, not a clean shutdown
        TestCluster.get().start("storage-node-3");
        TestCluster.get().awaitReady("storage-node-3");

        String node = TestCluster.nodeUrl(3);
        for (LogEntry e : entries) {
            assertThat(client.read(node, key, e.sequence()).join()).hasValue(e);
        }
    }
}
