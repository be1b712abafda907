package com.logprocessor.merkle.tree;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Built trees in Redis, one per (node URL, partition): {@code {prefix}:tree:{url}:{partition}}
 * (both URL-encoded, so neither can contain the separator), a {@link CachedTree} as JSON, expiring
 * {@code merkle.cache.ttl} after it was last used. Shared by every instance of the service.
 *
 * <p>Invalidation is by construction, not by events: {@link TreeBuilder} reads the node's digests
 * on every build and takes a cached tree only when its fingerprint equals theirs, so a cached tree
 * is never answered after the node's digests changed, whoever changed them (writes, repairs, the
 * digest verifier). A tree cached for old digests is simply replaced.
 *
 * <p>Redis is an accelerator here: if it does not answer, trees are built and answered uncached.
 */
@Component
public class TreeCache {

    private static final Logger log = LoggerFactory.getLogger(TreeCache.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final Duration ttl;
    private final String prefix;

    public TreeCache(StringRedisTemplate redis, JsonMapper json, MerkleProperties properties) {
        this.redis = redis;
        this.json = json;
        this.ttl = properties.cache().ttl();
        this.prefix = properties.cache().keyPrefix() + ":tree:";
    }

    /** The tree cached for this node and partition, its expiry renewed; empty if none or unreadable. */
    public Optional<CachedTree> get(String nodeUrl, String partitionId) {
        try {
            String stored = redis.opsForValue().getAndExpire(key(nodeUrl, partitionId), ttl);
            return stored == null ? Optional.empty() : Optional.of(json.readValue(stored, CachedTree.class));
        } catch (RuntimeException e) {
            log.warn("Merkle tree cache read failed for {} {} (building instead): {}", nodeUrl, partitionId, e.toString());
            return Optional.empty();
        }
    }

    public void put(String nodeUrl, String partitionId, CachedTree tree) {
        try {
            redis.opsForValue().set(key(nodeUrl, partitionId), json.writeValueAsString(tree), ttl);
        } catch (RuntimeException e) {
            log.warn("Merkle tree cache write failed for {} {}: {}", nodeUrl, partitionId, e.toString());
        }
    }

    /** Whether Redis answers (for the health endpoint). */
    public boolean available() {
        try {
            return "PONG".equalsIgnoreCase(redis.execute((RedisCallback<String>) RedisConnection::ping));
        } catch (RuntimeException e) {
            return false;
        }
    }

    String key(String nodeUrl, String partitionId) {
        return prefix + encode(nodeUrl) + ":" + encode(partitionId);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
