package com.logprocessor.it.support;

import com.logprocessor.support.security.InternalToken;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain HTTP and JSON for black-box tests. Every request carries the test cluster's internal token,
 * which reaches every endpoint of every service (SecurityIT checks who else gets in where).
 */
public final class Http {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    public static HttpResponse<String> get(String url) {
        return send(authorized(url).timeout(Duration.ofSeconds(30)).GET().build());
    }

    public static HttpResponse<String> post(String url, String json) {
        return send(authorized(url).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public static HttpResponse<String> delete(String url) {
        return send(authorized(url).timeout(Duration.ofSeconds(30)).DELETE().build());
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** GETs and parses, failing with the body when the status is not 200. */
    public static JsonNode getJson(String url) {
        HttpResponse<String> response = get(url);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    /** A request to {@code url} with the test cluster's internal token. */
    public static HttpRequest.Builder authorized(String url) {
        return token().sign(HttpRequest.newBuilder(URI.create(url)));
    }

    /** The test cluster's internal token, as services send it. */
    public static InternalToken token() {
        return new InternalToken(TestCluster.get().secrets().internalToken());
    }

    /** Sends a request as it is (no credential added): status and body as text. */
    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
