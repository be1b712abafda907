package com.logprocessor.core.access;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The API keys a service accepts, looked up by the hash of what a client presents. Names and
 * hashes are unique: two entries with one name, or one key configured twice, is a mistake to
 * refuse at start-up rather than a role chosen at random.
 */
public final class ApiKeys {

    private final Map<String, ApiKey> byHash = new HashMap<>();

    public ApiKeys(Collection<ApiKey> keys) {
        Map<String, ApiKey> byName = new HashMap<>();
        for (ApiKey key : keys) {
            if (byName.putIfAbsent(key.name(), key) != null) {
                throw new IllegalArgumentException("API key name '" + key.name() + "' is configured twice");
            }
            if (byHash.putIfAbsent(key.sha256(), key) != null) {
                throw new IllegalArgumentException("API keys '" + byHash.get(key.sha256()).name() + "' and '"
                        + key.name() + "' are the same key");
            }
        }
    }

    /** The entry of the key a client presented, if it is one of ours. */
    public Optional<ApiKey> find(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > 256) {
            return Optional.empty();
        }
        return Optional.ofNullable(byHash.get(ApiKey.hash(presented)));
    }

    public int size() {
        return byHash.size();
    }
}
