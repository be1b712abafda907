package com.logprocessor.localcluster.security;

import com.logprocessor.core.access.ApiKey;
import com.logprocessor.core.access.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A cluster's credentials, generated on its first start and never shipped: the internal token the
 * services send each other, and one API key per role. Kept under {@code <run>/security} (mode 700,
 * files 600):
 * <ul>
 *   <li>{@value #KEYS_FILE}: the keys and the token in clear, as shell variables
 *       ({@code source run/security/keys.env}; {@code curl -H "X-API-Key: $LOGSTORE_READ_KEY"});</li>
 *   <li>{@value #SERVICES_FILE}: what the services need, the token and the keys' hashes only, as
 *       environment variables; the local cluster starts services with it, and Compose reads it
 *       ({@code env_file}).</li>
 * </ul>
 * Rotating: delete the folder and restart every service ({@code ./setup.sh down && ./setup.sh}).
 */
public record ClusterSecrets(String internalToken, Map<Role, String> keys) {

    public static final String DIR = "security";
    public static final String KEYS_FILE = "keys.env";
    public static final String SERVICES_FILE = "services.env";
    /** The roles an API key is generated for, in the order the files list them. */
    public static final List<Role> KEY_ROLES = List.of(Role.ADMIN, Role.INGEST, Role.READ);

    public ClusterSecrets {
        keys = Map.copyOf(keys);
    }

    /** The secrets of the cluster in {@code runDir}, generated (and written) if it has none yet. */
    public static ClusterSecrets ensure(Path runDir) {
        return ensure(runDir, line -> { });
    }

    /**
     * As {@link #ensure(Path)}; newly generated secrets are also shown, once, line by line to
     * {@code announce} (the only time they appear anywhere but the keys file).
     */
    public static ClusterSecrets ensure(Path runDir, Consumer<String> announce) {
        Path keysFile = keysFile(runDir);
        boolean existed = Files.isRegularFile(keysFile);
        ClusterSecrets secrets = existed ? read(keysFile) : generate(new SecureRandom());
        secrets.write(runDir);
        if (!existed) {
            announce.accept("Generated this cluster's credentials (shown once; kept in " + keysFile + ", mode 600):");
            secrets.clientEnvironment().forEach((name, value) -> announce.accept("  " + name + "=" + value));
        }
        return secrets;
    }

    /** The secrets in a keys file ({@value #KEYS_FILE}) if there is one, for clients of a running cluster. */
    public static Optional<ClusterSecrets> load(Path keysFile) {
        return Files.isRegularFile(keysFile) ? Optional.of(read(keysFile)) : Optional.empty();
    }

    /** Whether {@link #ensure} would find existing secrets. */
    public static boolean exist(Path runDir) {
        return Files.isRegularFile(keysFile(runDir));
    }

    public static Path keysFile(Path runDir) {
        return runDir.resolve(DIR).resolve(KEYS_FILE);
    }

    public static Path servicesFile(Path runDir) {
        return runDir.resolve(DIR).resolve(SERVICES_FILE);
    }

    static ClusterSecrets generate(SecureRandom random) {
        Map<Role, String> keys = new EnumMap<>(Role.class);
        KEY_ROLES.forEach(role -> keys.put(role, ApiKey.generate(random)));
        return new ClusterSecrets(ApiKey.randomToken(random), keys);
    }

    /** The API key of a role ({@link #KEY_ROLES}). */
    public String key(Role role) {
        String key = keys.get(role);
        if (key == null) {
            throw new IllegalArgumentException("no API key is generated for role " + role);
        }
        return key;
    }

    /** The environment a service runs with: its {@code security.*} settings, hashes only. */
    public Map<String, String> serviceEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SECURITY_INTERNAL_TOKEN", internalToken);
        env.put("SECURITY_API_KEYS", KEY_ROLES.stream().map(role -> ApiKey.of(role.label(), role, key(role)).configured())
                .collect(Collectors.joining(",")));
        return env;
    }

    /** {@code LOGSTORE_<ROLE>_KEY} of each key and {@code LOGSTORE_INTERNAL_TOKEN}. */
    public Map<String, String> clientEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        KEY_ROLES.forEach(role -> env.put(variable(role), key(role)));
        env.put("LOGSTORE_INTERNAL_TOKEN", internalToken);
        return env;
    }

    public static String variable(Role role) {
        return "LOGSTORE_" + role.name() + "_KEY";
    }

    private void write(Path runDir) {
        Path dir = runDir.resolve(DIR);
        try {
            Files.createDirectories(dir);
            restrict(dir, "rwx------");
            writePrivate(keysFile(runDir), "# This cluster's API keys and internal token (generated by local-cluster; keep private).\n"
                    + "# source this file, then e.g.: curl -H \"X-API-Key: $LOGSTORE_READ_KEY\" localhost:8080/api/logs\n",
                    clientEnvironment());
            writePrivate(servicesFile(runDir), "# The services' security settings: the internal token and the API keys' SHA-256 hashes.\n"
                    + "# Read by the local cluster and by docker compose (env_file).\n", serviceEnvironment());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the cluster's keys under " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void writePrivate(Path file, String header, Map<String, String> variables) throws IOException {
        StringBuilder text = new StringBuilder(header);
        variables.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        restrict(tmp, "rw-------"); // before the secret is in it
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the folder's ACL applies.
        }
    }

    private static ClusterSecrets read(Path keysFile) {
        Properties values = new Properties();
        try (var reader = Files.newBufferedReader(keysFile, StandardCharsets.UTF_8)) {
            values.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + keysFile + ": " + e.getMessage(), e);
        }
        Map<Role, String> keys = new EnumMap<>(Role.class);
        for (Role role : KEY_ROLES) {
            keys.put(role, required(values, variable(role), keysFile));
        }
        return new ClusterSecrets(required(values, "LOGSTORE_INTERNAL_TOKEN", keysFile), keys);
    }

    private static String required(Properties values, String name, Path file) {
        String value = values.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(file + " has no " + name + "; delete " + file.getParent()
                    + " to generate new keys (and restart every service)");
        }
        return value.trim();
    }

    @Override
    public String toString() {
        return "ClusterSecrets[" + keys.size() + " keys]";
    }
}
