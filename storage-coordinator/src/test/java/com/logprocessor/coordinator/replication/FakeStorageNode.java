package com.logprocessor.coordinator.replication;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryCodec;
import com.logprocessor.support.storage.StorageApi.StoreResult;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in storage node for the coordinator's own tests (the real one, with PostgreSQL, is
 * exercised end to end in integration-tests): it keeps what it is sent in memory and can be told
 * to fail, so quorum counting, hints and the DLQ can be checked precisely.
 */
public class FakeStorageNode implements AutoCloseable {

    private final HttpServer server;
    private final JsonMapper json = JsonMapper.builder().build();
    public final Map<String, LogEntry> stored = new ConcurrentHashMap<>();
    public volatile int failWithStatus;
    /** Injected latency: the node stores a batch, then answers this much later (a slow disk or network). */
    public volatile long answerDelayMillis;

    public FakeStorageNode() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/storage/store/batch", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (failWithStatus != 0) {
                exchange.sendResponseHeaders(failWithStatus, -1);
                exchange.close();
                return;
            }
            List<LogEntry> entries = LogEntryCodec.decodeBatch(body);
            int inserted = 0;
            for (LogEntry e : entries) {
                if (stored.putIfAbsent(e.partitionKey() + "/" + e.sequence(), e) == null) {
                    inserted++;
                }
            }
            byte[] answer = json.writeValueAsBytes(new StoreResult(inserted, 0, entries.size() - inserted, List.of()));
            if (answerDelayMillis > 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(answerDelayMillis));
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.createContext("/api/storage/partitions", exchange -> {
            byte[] answer = json.writeValueAsBytes(
                    com.logprocessor.support.testing.FakeStorageNode.listing(stored.values(), 1000));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
