package com.logprocessor.merkle.tree;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.support.testing.TestRedis;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The tree cache against a real Redis, and without one (trees are then simply not cached). */
class TreeCacheTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final MerkleProperties properties = new Binder(new MapConfigurationPropertySource(java.util.Map.of(
            "merkle.cache.ttl", "2m", "merkle.cache.key-prefix", "cache-test")))
            .bindOrCreate("merkle", Bindable.of(MerkleProperties.class));

    @Test
    void storesAndReadsTreesPerNodeAndPartition() {
        try (TestRedis.Connection redis = TestRedis.connect()) {
            TreeCache cache = new TreeCache(redis.template(), json, properties);
            String partition = "p:" + UUID.randomUUID();
            CachedTree tree = new CachedTree("f1", -42, 10, 1000, 1, 3, 2500, 1L);
            cache.put("http://127.0.0.1:1", partition, tree);

            assertThat(cache.get("http://127.0.0.1:1", partition)).contains(tree);
            assertThat(cache.get("http://127.0.0.1:2", partition)).isEmpty();
            assertThat(cache.get("http://127.0.0.1:1", partition + "x")).isEmpty();
            assertThat(cache.key("http://127.0.0.1:1", partition)).doesNotContain("//").startsWith("cache-test:tree:");
            assertThat(redis.template().getExpire(cache.key("http://127.0.0.1:1", partition)))
                    .isBetween(Duration.ofSeconds(100).toSeconds(), Duration.ofMinutes(2).toSeconds());
            assertThat(cache.available()).isTrue();

            redis.template().opsForValue().set(cache.key("http://127.0.0.1:1", partition), "not json");
            assertThat(cache.get("http://127.0.0.1:1", partition)).as("an unreadable entry is a miss").isEmpty();
        }
    }

    @Test
    void withoutRedisEveryReadIsAMissAndWritesAreDropped() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", TestRedis.freePort()),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofMillis(500)).build());
        factory.afterPropertiesSet();
        factory.start();
        try {
            StringRedisTemplate template = new StringRedisTemplate(factory);
            template.afterPropertiesSet();
            TreeCache cache = new TreeCache(template, json, properties);
            cache.put("http://127.0.0.1:1", "p", new CachedTree("f", 1, 10, 1000, 1, 1, 1, 1));
            assertThat(cache.get("http://127.0.0.1:1", "p")).isEmpty();
            assertThat(cache.available()).isFalse();
        } finally {
            factory.destroy();
        }
    }
}
