package com.logprocessor.support.storage;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryCodec;
import com.logprocessor.support.security.InternalToken;
import com.logprocessor.support.storage.StorageApi.CountResponse;
import com.logprocessor.support.storage.StorageApi.DigestsList;
import com.logprocessor.support.storage.StorageApi.DigestsRequest;
import com.logprocessor.support.storage.StorageApi.PartitionDigests;
import com.logprocessor.support.storage.StorageApi.PartitionPage;
import com.logprocessor.support.storage.StorageApi.RangesRequest;
import com.logprocessor.support.storage.StorageApi.SegmentEntries;
import com.logprocessor.support.storage.StorageApi.SequenceRange;
import com.logprocessor.support.storage.StorageApi.StoreResult;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls storage nodes over HTTP: non-blocking (JDK HttpClient) so a coordinator can write to all
 * replicas of a batch at once. Node URLs come from membership. Every error becomes a
 * {@link StorageNodeException} saying whether a retry may help.
 */
public class StorageNodeClient {

    private static final TypeReference<List<LogEntry>> ENTRY_LIST = new TypeReference<>() {
    };
    /** What {@link #read} accepts: the internal wire format first, JSON from a node that does not serve it. */
    public static final String ENTRY_ACCEPT = LogEntryCodec.MEDIA_TYPE + ", application/json;q=0.5";

    private final HttpClient http;
    private final JsonMapper json;
    private final Duration timeout;
    private final InternalToken token;

    /** A client that sends every call with the cluster's internal token ({@link InternalToken#NONE}: none). */
    public StorageNodeClient(JsonMapper json, Duration connectTimeout, Duration timeout, InternalToken token) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // Tomcat speaks HTTP/1.1; skip the h2c upgrade
                .connectTimeout(connectTimeout)
                // The client's internal tasks (writing a request, reading an answer) run on the
                // thread that makes them ready: the caller or the selector thread. With the default
                // executor each exchange hopped between the selector and a cached pool's threads,
                // and under 300 quorum reads/s those hand-offs were 28 % of the coordinator's CPU
                // samples. Callers' own stages still run in the common pool, never on the selector.
                .executor(Runnable::run)
                .build();
        this.json = json;
        this.timeout = timeout;
        this.token = token;
    }

    /** {@code POST /api/storage/store/batch}: all-or-nothing on the node. */
    public CompletableFuture<StoreResult> storeBatch(String nodeUrl, List<LogEntry> entries) {
        return storeEncoded(nodeUrl, entries.stream().map(this::encode).toList());
    }

    /** One entry in the internal wire format, to be sent (to several replicas) with {@link #storeEncoded}. */
    public byte[] encode(LogEntry entry) {
        return LogEntryCodec.encode(entry);
    }

    /**
     * {@code POST /api/storage/store/batch} of entries already encoded by {@link #encode}, as
     * {@value LogEntryCodec#MEDIA_TYPE}: a coordinator writing a batch to RF replicas encodes each
     * entry once, not RF times, and in a format that costs a fraction of JSON to read and write.
     */
    public CompletableFuture<StoreResult> storeEncoded(String nodeUrl, List<byte[]> encodedEntries) {
        return storeEncoded(nodeUrl, encodedEntries, false);
    }

    /**
     * As {@link #storeEncoded(String, List)}; with {@code repair} (anti-entropy, after choosing the
     * winning content among replicas), a copy with an equal version but other content is replaced.
     */
    public CompletableFuture<StoreResult> storeEncoded(String nodeUrl, List<byte[]> encodedEntries, boolean repair) {
        String path = repair ? "/api/storage/store/batch?repair=true" : "/api/storage/store/batch";
        HttpRequest request = request(nodeUrl + path)
                .timeout(timeout)
                .header("Content-Type", LogEntryCodec.MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(LogEntryCodec.encodeBatch(encodedEntries)))
                .build();
        return send(request).thenApply(body -> json.readValue(body, StoreResult.class));
    }

    /**
     * {@code GET /api/storage/entries/{key}/{sequence}}: empty when the node does not hold it. Asked
     * for in the internal wire format ({@link LogEntryConverter}), JSON accepted too: the first byte
     * tells them apart.
     */
    public CompletableFuture<Optional<LogEntry>> read(String nodeUrl, String partitionKey, long sequence) {
        HttpRequest request = getting(nodeUrl, "/api/storage/entries/" + encode(partitionKey) + "/" + sequence)
                .header("Accept", ENTRY_ACCEPT).build();
        return sendAllowing404(request).thenApply(body -> body.map(b -> b.length > 0 && b[0] == LogEntryCodec.BATCH_MAGIC
                ? LogEntryCodec.decodeBatch(b).get(0) : json.readValue(b, LogEntry.class)));
    }

    /**
     * {@code GET /api/storage/query}: newest first, or with {@code afterSequence} (and a partition
     * key) ascending sequences after it; null filters are left out.
     */
    public CompletableFuture<List<LogEntry>> query(String nodeUrl, String sourceIp, String partitionKey, String level,
                                                   Instant from, Instant to, Long afterSequence, int limit) {
        StringJoiner q = new StringJoiner("&", "/api/storage/query?", "");
        addParam(q, "sourceIp", sourceIp);
        addParam(q, "partitionKey", partitionKey);
        addParam(q, "level", level);
        addParam(q, "from", from == null ? null : from.toString());
        addParam(q, "to", to == null ? null : to.toString());
        addParam(q, "afterSequence", afterSequence == null ? null : afterSequence.toString());
        addParam(q, "limit", Integer.toString(limit));
        return send(get(nodeUrl, q.toString())).thenApply(body -> json.readValue(body, ENTRY_LIST));
    }

    public CompletableFuture<CountResponse> count(String nodeUrl) {
        return send(get(nodeUrl, "/api/storage/count")).thenApply(body -> json.readValue(body, CountResponse.class));
    }

    /** {@code GET /api/storage/partitions}, without max sequences (digests and last segments are enough to compare). */
    public CompletableFuture<PartitionPage> partitions(String nodeUrl, String after, int limit) {
        StringJoiner q = new StringJoiner("&", "/api/storage/partitions?", "");
        addParam(q, "after", after);
        addParam(q, "limit", Integer.toString(limit));
        addParam(q, "maxSequence", "false");
        return send(get(nodeUrl, q.toString())).thenApply(body -> json.readValue(body, PartitionPage.class));
    }

    public CompletableFuture<PartitionDigests> digests(String nodeUrl, String partitionKey) {
        return send(get(nodeUrl, "/api/storage/partitions/" + encode(partitionKey) + "/digests"))
                .thenApply(body -> json.readValue(body, PartitionDigests.class));
    }

    public CompletableFuture<SegmentEntries> segment(String nodeUrl, String partitionKey, long segment) {
        return send(get(nodeUrl, "/api/storage/partitions/" + encode(partitionKey) + "/segments/" + segment))
                .thenApply(body -> json.readValue(body, SegmentEntries.class));
    }

    /** {@code POST /api/storage/partitions/digests}: several partitions' digests over segments of {@code segmentSize}. */
    public CompletableFuture<DigestsList> digests(String nodeUrl, List<String> partitionKeys, int segmentSize) {
        return send(postJson(nodeUrl, "/api/storage/partitions/digests",
                new DigestsRequest(partitionKeys, segmentSize)))
                .thenApply(body -> json.readValue(body, DigestsList.class));
    }

    /** {@code POST /api/storage/partitions/entries}: the entries of several sequence ranges, in no order. */
    public CompletableFuture<List<LogEntry>> entries(String nodeUrl, List<SequenceRange> ranges) {
        return send(postJson(nodeUrl, "/api/storage/partitions/entries", new RangesRequest(ranges)))
                .thenApply(LogEntryCodec::decodeBatch);
    }

    /**
     * {@code POST /api/storage/digests/verify?partitionKey=}: the node recomputes the partition's
     * segment digests from its entries and corrects the wrong ones (the report is not read).
     */
    public CompletableFuture<Void> verifyDigests(String nodeUrl, String partitionKey) {
        HttpRequest request = request(nodeUrl + "/api/storage/digests/verify?partitionKey="
                        + URLEncoder.encode(partitionKey, StandardCharsets.UTF_8))
                .timeout(timeout).POST(HttpRequest.BodyPublishers.noBody()).build();
        return send(request).thenApply(body -> null);
    }

    private HttpRequest.Builder request(String url) {
        return token.sign(HttpRequest.newBuilder(URI.create(url)));
    }

    private HttpRequest postJson(String nodeUrl, String path, Object body) {
        return request(nodeUrl + path).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
    }

    private HttpRequest get(String nodeUrl, String path) {
        return getting(nodeUrl, path).build();
    }

    private HttpRequest.Builder getting(String nodeUrl, String path) {
        return request(nodeUrl + path).timeout(timeout).GET();
    }

    private CompletableFuture<byte[]> send(HttpRequest request) {
        return sendAllowing404(request).thenApply(body -> body.orElseThrow(() ->
                new StorageNodeException(request.method() + " " + request.uri() + " answered 404", 404, null)));
    }

    private CompletableFuture<Optional<byte[]>> sendAllowing404(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        throw new StorageNodeException(request.method() + " " + request.uri() + " failed: " + cause,
                                0, cause);
                    }
                    int status = response.statusCode();
                    if (status == 404) {
                        return Optional.empty();
                    }
                    if (status / 100 != 2) {
                        throw new StorageNodeException(request.method() + " " + request.uri() + " answered " + status
                                + ": " + new String(response.body(), StandardCharsets.UTF_8), status, null);
                    }
                    return Optional.of(response.body());
                });
    }

    private static void addParam(StringJoiner q, String name, String value) {
        if (value != null) {
            q.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
