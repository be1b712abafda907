package com.logprocessor.readrepair.testing;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryCodec;
import com.logprocessor.support.storage.StorageApi.Conflict;
import com.logprocessor.support.storage.StorageApi.StoreResult;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in storage node (the real one, with PostgreSQL, is exercised end to end in
 * integration-tests) with the two endpoints a repair uses: {@code GET /api/storage/entries/{key}/{seq}}
 * (JSON, 404 when absent) and {@code POST /api/storage/store/batch} in the internal codec. Like the
 * real node it replaces a stored copy only with a strictly newer version, and refuses an entry
 * whose key and sequence hold another id. It counts the reads and writes of each entry and can be
 * told to fail its writes.
 */
public class FakeStorageNode implements AutoCloseable {

    private static final String ENTRIES = "/api/storage/entries/";

    /** One entry's place. */
    public record Key(String partitionKey, long sequence) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-storage-node");
        t.setDaemon(true);
        return t;
    });
    private final JsonMapper json;
    private final Map<Key, LogEntry> stored = new ConcurrentHashMap<>();
    private final Map<Key, AtomicInteger> reads = new ConcurrentHashMap<>();
    private final Map<Key, AtomicInteger> writes = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    /** Answer every store request with this status (0: answer normally). */
    public volatile int failStoresWithStatus;

    public FakeStorageNode(JsonMapper json) {
        this.json = json;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext(ENTRIES, this::read);
        server.createContext("/api/storage/store/batch", this::store);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Stores a copy as it is (set-up: what this replica already holds). */
    public void hold(LogEntry entry) {
        stored.put(new Key(entry.partitionKey(), entry.sequence()), entry);
    }

    public Optional<LogEntry> copy(String partitionKey, long sequence) {
        return Optional.ofNullable(stored.get(new Key(partitionKey, sequence)));
    }

    /** Reads of this entry served. */
    public int reads(String partitionKey, long sequence) {
        AtomicInteger n = reads.get(new Key(partitionKey, sequence));
        return n == null ? 0 : n.get();
    }

    /** Store requests that carried this entry, answered or failed. */
    public int writes(String partitionKey, long sequence) {
        AtomicInteger n = writes.get(new Key(partitionKey, sequence));
        return n == null ? 0 : n.get();
    }

    /** Every request this node received. */
    public int requests() {
        return requests.get();
    }

    private void read(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try {
            String rest = exchange.getRequestURI().getRawPath().substring(ENTRIES.length());
            int slash = rest.lastIndexOf('/');
            Key key = new Key(URLDecoder.decode(rest.substring(0, slash), StandardCharsets.UTF_8),
                    Long.parseLong(rest.substring(slash + 1)));
            reads.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            LogEntry entry = stored.get(key);
            if (entry == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            answer(exchange, json.writeValueAsBytes(entry));
        } finally {
            exchange.close(); // not AutoCloseable before Java 18
        }
    }

    private void store(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try {
            List<LogEntry> entries = LogEntryCodec.decodeBatch(exchange.getRequestBody().readAllBytes());
            entries.forEach(e -> writes.computeIfAbsent(new Key(e.partitionKey(), e.sequence()),
                    k -> new AtomicInteger()).incrementAndGet());
            if (failStoresWithStatus != 0) {
                exchange.sendResponseHeaders(failStoresWithStatus, -1);
                return;
            }
            int[] counts = new int[3]; // inserted, updated, unchanged
            List<Conflict> conflicts = new ArrayList<>();
            for (LogEntry e : entries) {
                stored.compute(new Key(e.partitionKey(), e.sequence()), (k, old) -> {
                    if (old == null) {
                        counts[0]++;
                        return e;
                    }
                    if (!old.id().equals(e.id())) {
                        conflicts.add(new Conflict(e.id(), e.partitionKey(), e.sequence(), old.partitionKey(),
                                old.sequence()));
                        return old;
                    }
                    if (e.version().isNewerThan(old.version())) {
                        counts[1]++;
                        return e;
                    }
                    counts[2]++;
                    return old;
                });
            }
            answer(exchange, json.writeValueAsBytes(new StoreResult(counts[0], counts[1], counts[2], conflicts)));
        } finally {
            exchange.close();
        }
    }

    private static void answer(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
