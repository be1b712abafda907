package com.logprocessor.support.testing;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryCodec;
import com.logprocessor.core.merkle.EntryHash;
import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.support.storage.StorageApi.CountResponse;
import com.logprocessor.support.storage.StorageApi.Conflict;
import com.logprocessor.support.storage.StorageApi.PartitionDigests;
import com.logprocessor.support.storage.StorageApi.PartitionPage;
import com.logprocessor.support.storage.StorageApi.PartitionSummary;
import com.logprocessor.support.storage.StorageApi.StoreResult;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in storage node for services' context tests (the real one, with PostgreSQL, is exercised
 * end to end in integration-tests), serving concurrently the part of the storage API the services
 * call, and 404 to anything else:
 * <ul>
 *   <li>{@code POST /api/storage/store/batch} (internal codec). Like the real node it replaces a
 *       copy only with a strictly newer version and refuses, as a conflict, an entry whose key and
 *       sequence hold another id (or whose id a test put in {@link #conflicting}). It records every
 *       entry it took, in order.</li>
 *   <li>{@code GET /api/storage/entries/{key}/{sequence}}: the copy it holds as JSON, 404 when none.</li>
 *   <li>{@code GET /api/storage/partitions/{key}/digests}: the digests a test gave it with
 *       {@link #digests(String, List)}, none for any other partition (as the real node answers).</li>
 *   <li>{@code GET /api/storage/partitions}: every partition it holds, in one page (parameters ignored),
 *       with entry count, digest and max sequence computed from what it holds (segments of
 *       {@link #segmentSize}).</li>
 * </ul>
 * Public fields are knobs and records a test sets or reads directly.
 */
public class FakeStorageNode implements AutoCloseable {

    private static final String STORE_BATCH = "/api/storage/store/batch";
    private static final String ENTRIES = "/api/storage/entries/";
    private static final String PARTITIONS = "/api/storage/partitions/";
    private static final String DIGESTS = "/digests";
    private static final String LISTING = "/api/storage/partitions";
    private static final String COUNT = "/api/storage/count";

    /** One entry's place. */
    private record Key(String partitionKey, long sequence) {
    }

    /**
     * Every entry a store request took (not refused), in the order received (synchronized: copy it
     * with {@link #deliveredIds()} to iterate).
     */
    public final List<LogEntry> delivered = Collections.synchronizedList(new ArrayList<>());
    /** Times each id was taken. */
    public final Map<UUID, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    /** When each store request arrived (System.nanoTime), failed or not. */
    public final List<Long> requestNanos = new CopyOnWriteArrayList<>();

    /** Ids a store request refuses as conflicts (another id at their key and sequence): never taken. */
    public final Set<UUID> conflicting = ConcurrentHashMap.newKeySet();
    /** Answer every store request with this status (0: answer normally). */
    public volatile int failStoresWithStatus;
    /** Answer this many of the next store requests with 503, then normally. */
    public final AtomicInteger failuresLeft = new AtomicInteger();
    /** Take a store request's entries, then answer this much later. */
    public volatile long answerDelayMillis;
    /** Answer every digests request with this status (0: answer normally). */
    public volatile int failDigestsWithStatus;
    /** The segment size the node reports with its digests. */
    public volatile int segmentSize = 1000;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-storage-node");
        t.setDaemon(true);
        return t;
    });
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<Key, LogEntry> stored = new ConcurrentHashMap<>();
    private final Map<Key, AtomicInteger> reads = new ConcurrentHashMap<>();
    private final Map<Key, AtomicInteger> writes = new ConcurrentHashMap<>();
    private final Map<String, List<SegmentDigest>> digests = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger digestRequests = new AtomicInteger();
    private final AtomicInteger listings = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    public FakeStorageNode() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Stores a copy as it is (set-up: what this replica already holds). */
    public void hold(LogEntry entry) {
        stored.put(key(entry), entry);
    }

    /** The copy this node holds at a key and sequence. */
    public Optional<LogEntry> copy(String partitionKey, long sequence) {
        return Optional.ofNullable(stored.get(new Key(partitionKey, sequence)));
    }

    /** What this replica's digests of a partition are from now on. */
    public void digests(String partitionKey, List<SegmentDigest> segmentDigests) {
        digests.put(partitionKey, List.copyOf(segmentDigests));
    }

    /** Every copy this node holds, in no particular order. */
    public List<LogEntry> stored() {
        return List.copyOf(stored.values());
    }

    /** Forgets every copy, delivery and injected failure (a fresh node between tests). */
    public void clear() {
        stored.clear();
        delivered.clear();
        deliveries.clear();
        conflicting.clear();
        failStoresWithStatus = 0;
        failuresLeft.set(0);
        answerDelayMillis = 0;
        failDigestsWithStatus = 0;
    }

    /** Partition listings ({@code GET /api/storage/partitions}) served. */
    public int listings() {
        return listings.get();
    }

    /** Reads of this entry served. */
    public int reads(String partitionKey, long sequence) {
        return count(reads, new Key(partitionKey, sequence));
    }

    /** Store requests that carried this entry, answered or failed. */
    public int writes(String partitionKey, long sequence) {
        return count(writes, new Key(partitionKey, sequence));
    }

    /** Digest requests received, answered or failed. */
    public int digestRequests() {
        return digestRequests.get();
    }

    /** Every request this node received, on any path. */
    public int requests() {
        return requests.get();
    }

    /** The most requests this node was serving at the same time. */
    public int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    public List<UUID> deliveredIds() {
        synchronized (delivered) {
            return delivered.stream().map(LogEntry::id).toList();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            if (method.equals("POST") && path.equals(STORE_BATCH)) {
                store(exchange);
            } else if (method.equals("GET") && path.startsWith(ENTRIES)) {
                read(exchange, path.substring(ENTRIES.length()));
            } else if (method.equals("GET") && path.equals(LISTING)) {
                listing(exchange);
            } else if (method.equals("GET") && path.equals(COUNT)) {
                answer(exchange, json.writeValueAsBytes(
                        new CountResponse("fake", stored.size(), EntryHash.xorOf(stored.values()))));
            } else if (method.equals("GET") && path.startsWith(PARTITIONS) && path.endsWith(DIGESTS)) {
                digests(exchange, path.substring(PARTITIONS.length(), path.length() - DIGESTS.length()));
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        } finally {
            inFlight.decrementAndGet();
            exchange.close(); // not AutoCloseable before Java 18
        }
    }

    private void store(HttpExchange exchange) throws IOException {
        requestNanos.add(System.nanoTime());
        // Decoded and counted before any failure: writes(...) counts attempts, answered or failed.
        List<LogEntry> entries = LogEntryCodec.decodeBatch(exchange.getRequestBody().readAllBytes());
        entries.forEach(e -> writes.computeIfAbsent(key(e), k -> new AtomicInteger()).incrementAndGet());
        int status = failStoresWithStatus != 0 ? failStoresWithStatus
                : failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 0;
        if (status != 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        int[] counts = new int[3]; // inserted, updated, unchanged
        List<Conflict> conflicts = new ArrayList<>();
        List<LogEntry> taken = new ArrayList<>(entries.size());
        for (LogEntry e : entries) {
            if (conflicting.contains(e.id())) {
                conflicts.add(new Conflict(e.id(), e.partitionKey(), e.sequence(), e.partitionKey(), e.sequence()));
                continue;
            }
            LogEntry kept = stored.compute(key(e), (k, old) -> {
                if (old == null) {
                    counts[0]++;
                    return e;
                }
                if (!old.id().equals(e.id())) {
                    return old; // another entry's place: a conflict, reported below
                }
                if (e.version().isNewerThan(old.version())) {
                    counts[1]++;
                    return e;
                }
                counts[2]++;
                return old;
            });
            if (!kept.id().equals(e.id())) {
                conflicts.add(new Conflict(e.id(), e.partitionKey(), e.sequence(), kept.partitionKey(),
                        kept.sequence()));
                continue;
            }
            taken.add(e);
            deliveries.computeIfAbsent(e.id(), id -> new AtomicInteger()).incrementAndGet();
        }
        delivered.addAll(taken);
        if (answerDelayMillis > 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(answerDelayMillis));
        }
        answer(exchange, json.writeValueAsBytes(new StoreResult(counts[0], counts[1], counts[2], conflicts)));
    }

    private void read(HttpExchange exchange, String keyAndSequence) throws IOException {
        int slash = keyAndSequence.lastIndexOf('/');
        Key key = new Key(URLDecoder.decode(keyAndSequence.substring(0, slash), StandardCharsets.UTF_8),
                Long.parseLong(keyAndSequence.substring(slash + 1)));
        reads.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        LogEntry entry = stored.get(key);
        if (entry == null) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        answer(exchange, json.writeValueAsBytes(entry));
    }

    private void digests(HttpExchange exchange, String rawPartitionKey) throws IOException {
        digestRequests.incrementAndGet();
        if (failDigestsWithStatus != 0) {
            exchange.sendResponseHeaders(failDigestsWithStatus, -1);
            return;
        }
        String partitionKey = URLDecoder.decode(rawPartitionKey, StandardCharsets.UTF_8);
        answer(exchange, json.writeValueAsBytes(new PartitionDigests(partitionKey, segmentSize,
                digests.getOrDefault(partitionKey, List.of()))));
    }

    private void listing(HttpExchange exchange) throws IOException {
        listings.incrementAndGet();
        answer(exchange, json.writeValueAsBytes(listing(stored.values(), segmentSize)));
    }

    /**
     * What {@code GET /api/storage/partitions} answers for a node holding {@code entries}, in one
     * page: every partition with its entry count, digest, last segment and max sequence.
     */
    public static PartitionPage listing(Collection<LogEntry> entries, int segmentSize) {
        Map<String, List<LogEntry>> byKey = new TreeMap<>();
        entries.forEach(e -> byKey.computeIfAbsent(e.partitionKey(), k -> new ArrayList<>()).add(e));
        List<PartitionSummary> partitions = new ArrayList<>();
        byKey.forEach((key, held) -> {
            long max = held.stream().mapToLong(LogEntry::sequence).max().orElseThrow();
            partitions.add(new PartitionSummary(key, max, held.size(),
                    EntryHash.xorOf(held), (max - 1) / segmentSize));
        });
        return new PartitionPage(partitions, null);
    }

    private static void answer(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private static Key key(LogEntry e) {
        return new Key(e.partitionKey(), e.sequence());
    }

    private static int count(Map<Key, AtomicInteger> counts, Key key) {
        AtomicInteger n = counts.get(key);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
