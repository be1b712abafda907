package com.logprocessor.bench.support;

import com.logprocessor.core.access.Role;
import com.logprocessor.localcluster.security.ClusterSecrets;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The cluster's credentials for the load generators: {@code LOGSTORE_ADMIN_KEY} and
 * {@code LOGSTORE_INTERNAL_TOKEN} from the environment, else from the keys file {@code ./setup.sh}
 * generated ({@code KEYS_FILE}, default {@code run/security/keys.env}, read by {@link ClusterSecrets}).
 * Requests to a storage node's API ({@code /api/storage/...}) carry the internal token, every other
 * one the admin key (which reaches what ingest and read keys reach). Without either (security off)
 * nothing is sent. Read once, at first use.
 */
public final class Credentials {

    private static final Optional<ClusterSecrets> FILE = ClusterSecrets.load(keysFile());
    private static final String TOKEN = value("LOGSTORE_INTERNAL_TOKEN", ClusterSecrets::internalToken);
    private static final String ADMIN_KEY = value(ClusterSecrets.variable(Role.ADMIN), s -> s.key(Role.ADMIN));

    private Credentials() {
    }

    /** A request to {@code uri} with the credential its service takes. */
    public static HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        header(uri).ifPresent(h -> builder.header(h.name(), h.value()));
        return builder;
    }

    /** The credential header a request to {@code uri} carries, if the cluster has credentials. */
    public static Optional<Header> header(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.startsWith("/api/storage/") && TOKEN != null) {
            return Optional.of(new Header("X-Internal-Token", TOKEN));
        }
        return Optional.ofNullable(ADMIN_KEY).map(key -> new Header("X-API-Key", key));
    }

    /** One HTTP header. */
    public record Header(String name, String value) {
    }

    public static HttpRequest.Builder request(String url) {
        return request(URI.create(url));
    }

    /** The environment variable if set, else the keys file's value, else null. */
    private static String value(String variable, Function<ClusterSecrets, String> fromFile) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            value = FILE.map(fromFile).orElse(null);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Path keysFile() {
        String configured = System.getenv("KEYS_FILE");
        return Path.of(configured == null || configured.isBlank() ? "run/security/keys.env" : configured);
    }
}
