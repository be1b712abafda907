package com.logprocessor.merkle.testing;

import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.support.storage.StorageApi.PartitionDigests;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in storage node (the real one, with PostgreSQL, is exercised end to end in
 * integration-tests) with the one endpoint a tree is built from:
 * {@code GET /api/storage/partitions/{key}/digests}, answering the digests it was given (none for
 * a partition it was not given, as the real node does) at its segment size. It counts the digest
 * requests and can be told to fail them. Any other path is 404.
 */
public class FakeStorageNode implements AutoCloseable {

    private static final String PARTITIONS = "/api/storage/partitions/";
    private static final String DIGESTS = "/digests";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-storage-node");
        t.setDaemon(true);
        return t;
    });
    private final JsonMapper json;
    private final Map<String, List<SegmentDigest>> digests = new ConcurrentHashMap<>();
    private final AtomicInteger digestRequests = new AtomicInteger();

    /** The segment size the node reports. */
    public volatile int segmentSize = 1000;
    /** Answer every digests request with this status (0: answer normally). */
    public volatile int failWithStatus;

    public FakeStorageNode(JsonMapper json) {
        this.json = json;
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

    /** What this replica's digests of a partition are from now on. */
    public void digests(String partitionKey, List<SegmentDigest> segmentDigests) {
        digests.put(partitionKey, List.copyOf(segmentDigests));
    }

    /** Digest requests received, answered or failed. */
    public int digestRequests() {
        return digestRequests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            if (!exchange.getRequestMethod().equals("GET") || !path.startsWith(PARTITIONS) || !path.endsWith(DIGESTS)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            digestRequests.incrementAndGet();
            if (failWithStatus != 0) {
                exchange.sendResponseHeaders(failWithStatus, -1);
                return;
            }
            String key = URLDecoder.decode(path.substring(PARTITIONS.length(), path.length() - DIGESTS.length()),
                    StandardCharsets.UTF_8);
            byte[] body = json.writeValueAsBytes(new PartitionDigests(key, segmentSize,
                    digests.getOrDefault(key, List.of())));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } finally {
            exchange.close(); // not AutoCloseable before Java 18
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
