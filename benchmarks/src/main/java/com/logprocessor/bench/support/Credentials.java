package com.logprocessor.bench.support;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The cluster's credentials for the load generators: {@code LOGSTORE_ADMIN_KEY} and
 * {@code LOGSTORE_INTERNAL_TOKEN} from the environment, else from the keys file {@code ./setup.sh}
 * generated ({@code KEYS_FILE}, default {@code run/security/keys.env}). Requests to a storage node's
 * API ({@code /api/storage/...}) carry the internal token, every other one the admin key (which
 * reaches what ingest and read keys reach). Without either (security off) nothing is sent.
 */
public final class Credentials {

    private static final Properties VALUES = load();

    private Credentials() {
    }

    /** A request to {@code uri} with the credential its service takes. */
    public static HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        String path = uri.getPath() == null ? "" : uri.getPath();
        String token = value("LOGSTORE_INTERNAL_TOKEN");
        String key = value("LOGSTORE_ADMIN_KEY");
        if (path.startsWith("/api/storage/") && token != null) {
            builder.header("X-Internal-Token", token);
        } else if (key != null) {
            builder.header("X-API-Key", key);
        }
        return builder;
    }

    public static HttpRequest.Builder request(String url) {
        return request(URI.create(url));
    }

    private static String value(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = VALUES.getProperty(name);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Properties load() {
        Properties values = new Properties();
        String configured = System.getenv("KEYS_FILE");
        Path file = Path.of(configured == null || configured.isBlank() ? "run/security/keys.env" : configured);
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                values.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the keys in " + file, e);
            }
        }
        return values;
    }
}
