package com.logprocessor.hints.testing;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryCodec;
import com.logprocessor.support.storage.StorageApi.Conflict;
import com.logprocessor.support.storage.StorageApi.StoreResult;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * A stand-in storage node (the real one, with PostgreSQL, is exercised end to end in
 * integration-tests): it decodes {@code /api/storage/store/batch} bodies in the internal codec,
 * records every entry it was sent, in order, and can be told to fail, to fail a number of times,
 * to answer slowly, or to refuse given ids as conflicts. Requests are served concurrently.
 */
public class FakeStorageNode implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-storage-node");
        t.setDaemon(true);
        return t;
    });
    private final JsonMapper json = JsonMapper.builder().build();

    /** Every entry taken, in the order received (synchronized: copy it with {@link #deliveredIds()} to iterate). */
    public final List<LogEntry> delivered = Collections.synchronizedList(new ArrayList<>());
    /** Times each id was taken. */
    public final Map<UUID, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    /** When each store request arrived (System.nanoTime), failed or not. */
    public final List<Long> requestNanos = new CopyOnWriteArrayList<>();
    /** Ids answered as conflicts (another id at their key and sequence): never taken. */
    public final Set<UUID> conflicting = ConcurrentHashMap.newKeySet();
    /** Answer every request with this status (0: answer normally). */
    public volatile int failWithStatus;
    /** Answer this many of the next requests with 503, then normally. */
    public final AtomicInteger failuresLeft = new AtomicInteger();
    /** Take the batch, then answer this much later. */
    public volatile long answerDelayMillis;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    public FakeStorageNode() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/api/storage/store/batch", exchange -> {
            requestNanos.add(System.nanoTime());
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status = failWithStatus != 0 ? failWithStatus
                        : failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 0;
                if (status != 0) {
                    exchange.sendResponseHeaders(status, -1);
                    return;
                }
                List<LogEntry> entries = LogEntryCodec.decodeBatch(body);
                List<Conflict> conflicts = new ArrayList<>();
                List<LogEntry> taken = new ArrayList<>(entries.size());
                for (LogEntry e : entries) {
                    if (conflicting.contains(e.id())) {
                        conflicts.add(new Conflict(e.id(), e.partitionKey(), e.sequence(), e.partitionKey(),
                                e.sequence()));
                    } else {
                        taken.add(e);
                        deliveries.computeIfAbsent(e.id(), id -> new AtomicInteger()).incrementAndGet();
                    }
                }
                delivered.addAll(taken);
                if (answerDelayMillis > 0) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(answerDelayMillis));
                }
                byte[] answer = json.writeValueAsBytes(
                        new StoreResult(entries.size() - conflicts.size(), 0, 0, conflicts));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            } finally {
                inFlight.decrementAndGet();
                exchange.close();
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The most store requests this node was serving at the same time. */
    public int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    public List<UUID> deliveredIds() {
        synchronized (delivered) {
            return delivered.stream().map(LogEntry::id).toList();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
