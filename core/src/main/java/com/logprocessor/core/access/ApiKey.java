package com.logprocessor.core.access;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A client's API key as the services know it: a name, a {@link Role} and the SHA-256 of the key.
 * The key itself is never stored by a service, only shown once to whoever generated it. A plain
 * (unsalted, fast) hash is enough because keys are 256 random bits, not passwords: there is no
 * dictionary to try, and a fast hash keeps the check per request in microseconds.
 *
 * <p>Configured as {@code name:role:sha256hex}, e.g. {@code ci:ingest:9f86d08…}.
 */
public record ApiKey(String name, Role role, String sha256) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    /** Prefix of generated keys, so a leaked one is recognisable (e.g. by secret scanners). */
    public static final String PREFIX = "lsk_";

    public ApiKey {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an API key's name is 1-64 letters, digits, '.', '_' or '-', not '" + name + "'");
        }
        if (role == null || role == Role.INTERNAL) {
            throw new IllegalArgumentException("an API key's role is ingest, read or admin");
        }
        if (sha256 == null || !HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("API key '" + name + "': the hash must be 64 lower-case hex digits (SHA-256)");
        }
    }

    /** A key entry from its configured form {@code name:role:sha256hex}. */
    public static ApiKey parse(String configured) {
        String[] parts = configured == null ? new String[0] : configured.trim().split(":", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("an API key entry is name:role:sha256hex, not '"
                    + (configured == null ? "" : configured.replaceAll("[0-9a-f]{16,}", "…")) + "'");
        }
        return new ApiKey(parts[0], Role.ofApiKey(parts[1]), parts[2]);
    }

    /** The entry for a key given in clear, to configure services with. */
    public static ApiKey of(String name, Role role, String key) {
        return new ApiKey(name, role, hash(key));
    }

    /** {@code name:role:sha256hex}, as {@link #parse} reads it. */
    public String configured() {
        return name + ":" + role.label() + ":" + sha256;
    }

    /** SHA-256 of the key's UTF-8 bytes, lower-case hex. */
    public static String hash(String key) {
        return Hashing.sha256().hashString(key, StandardCharsets.UTF_8).toString();
    }

    /** A new random key: {@value #PREFIX} and 256 random bits, URL-safe base64. */
    public static String generate(SecureRandom random) {
        return PREFIX + randomToken(random);
    }

    /** 256 random bits, URL-safe base64 without padding (43 characters): keys and the internal token. */
    public static String randomToken(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
