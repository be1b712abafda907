package com.logprocessor.antientropy.repair;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.core.version.LamportVersion;
import com.logprocessor.support.security.InternalToken;
import com.logprocessor.support.storage.StorageApi.PartitionPage;
import com.logprocessor.support.storage.StorageNodeClient;
import com.logprocessor.support.testing.FakeStorageNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jobs running together read each node's listing once between them; a job takes only pages whose
 * fetch started after it started, so one that starts later (a trigger after damage) reads afresh.
 */
class ListingPagesTest {

    private final FakeStorageNode a = new FakeStorageNode();
    private final FakeStorageNode b = new FakeStorageNode();
    private final StorageNodeClient client = new StorageNodeClient(JsonMapper.builder().build(), Duration.ofSeconds(1),
            Duration.ofSeconds(5), InternalToken.NONE);

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    private static LogEntry entry(String partitionKey, long sequence) {
        return new LogEntry(UUID.randomUUID(), partitionKey, sequence, Instant.parse("2026-12-08T10:00:00Z"),
                LogLevel.INFO, "10.0.0.1", "svc", "message " + sequence, Map.of(), new LamportVersion(1, "c"));
    }

    private static RepairProperties properties(int sharedPages) {
        return new RepairProperties(10_000, 8, 10, 250, 4, Duration.ofSeconds(1), Duration.ofSeconds(5), sharedPages);
    }

    /** A clock a test moves by hand. */
    private final AtomicLong nanos = new AtomicLong(1_000);

    /** What a job that started at {@code started} lists: every key and which nodes hold it. */
    private List<String> list(ListingPages pages, long started) {
        Map<String, Function<String, CompletableFuture<PartitionPage>>> nodes = new LinkedHashMap<>();
        nodes.put("a", pages.of(started, a.url(), 100));
        nodes.put("b", pages.of(started, b.url(), 100));
        MergedListing listing = new MergedListing(nodes);
        List<String> out = new ArrayList<>();
        MergedListing.Partition p;
        while ((p = listing.next()) != null) {
            out.add(p.key() + "@" + p.holders().keySet());
        }
        return out;
    }

    @Test
    void jobsThatStartedBeforeAPageWasFetchedShareItAndALaterJobReadsAfresh() {
        a.hold(entry("10.0.0.1", 1));
        a.hold(entry("10.0.0.2", 1));
        b.hold(entry("10.0.0.2", 1));
        b.hold(entry("10.0.0.3", 1));
        ListingPages pages = new ListingPages(client, properties(12), nanos::get);
        List<String> expected = List.of("10.0.0.1@[a]", "10.0.0.2@[a, b]", "10.0.0.3@[b]");

        // Three jobs started together (a cycle, or the NODE jobs of nodes that came back together):
        // one listing of each node between them, and the same merge.
        long started = pages.now();
        nanos.addAndGet(10);
        for (int job = 0; job < 3; job++) {
            assertThat(list(pages, started)).isEqualTo(expected);
        }
        assertThat(a.listings()).isOne();
        assertThat(b.listings()).isOne();

        // A job that started after those pages were fetched (a trigger after damage) sees what the
        // nodes hold now, and a job started with it shares its fresh pages.
        b.hold(entry("10.0.0.4", 1));
        nanos.addAndGet(10);
        long later = pages.now();
        nanos.addAndGet(10);
        assertThat(list(pages, later))
                .containsExactly("10.0.0.1@[a]", "10.0.0.2@[a, b]", "10.0.0.3@[b]", "10.0.0.4@[b]");
        assertThat(list(pages, later)).hasSize(4);
        assertThat(b.listings()).isEqualTo(2);
        // The earlier jobs may take the fresher pages too.
        assertThat(list(pages, started)).hasSize(4);
        assertThat(b.listings()).isEqualTo(2);
    }

    @Test
    void withNoSharedPagesEveryJobListsForItself() {
        a.hold(entry("10.0.0.1", 1));
        ListingPages pages = new ListingPages(client, properties(0), nanos::get);
        long started = pages.now();
        list(pages, started);
        list(pages, started);
        assertThat(a.listings()).isEqualTo(2);
    }
}
