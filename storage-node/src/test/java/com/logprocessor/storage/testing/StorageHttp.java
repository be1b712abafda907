package com.logprocessor.storage.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the node under test: raw status, content type and JSON, nothing hidden. */
public final class StorageHttp {

    /** A response: status, content type, body. */
    public record Response(int status, String contentType, String body, JsonMapper mapper) {

        public JsonNode json() {
            return mapper.readTree(body);
        }

        public <T> T as(Class<T> type) {
            return mapper.readValue(body, type);
        }

        public Response expect(int expected) {
            assertThat(status).as("status of response %s", body).isEqualTo(expected);
            return this;
        }

        /** Asserts an RFC 9457 problem with this status. */
        public JsonNode problem(int expected) {
            expect(expected);
            assertThat(contentType).startsWith("application/problem+json");
            JsonNode problem = json();
            assertThat(problem.path("status").asInt()).isEqualTo(expected);
            assertThat(problem.path("detail").asString()).isNotBlank();
            return problem;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final JsonMapper json;

    public StorageHttp(int port, JsonMapper json) {
        this.base = "http://127.0.0.1:" + port;
        this.json = json;
    }

    public JsonMapper mapper() {
        return json;
    }

    public Response storeBatch(List<LogEntry> entries) {
        return postJson("/api/storage/store/batch", json.writeValueAsString(Map.of("entries", entries)));
    }

    /** The batch in the internal wire format, as coordinators send it. */
    public Response storeBatchEncoded(List<LogEntry> entries) {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/storage/store/batch"))
                .header("Content-Type", LogEntryCodec.MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        LogEntryCodec.encodeBatch(entries.stream().map(LogEntryCodec::encode).toList()))));
    }

    public Response postBytes(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response store(LogEntry entry) {
        return postJson("/api/storage/store", json.writeValueAsString(entry));
    }

    public Response postJson(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response post(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response entry(String partitionKey, long sequence) {
        return get("/api/storage/entries/" + encode(partitionKey) + "/" + sequence);
    }

    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
