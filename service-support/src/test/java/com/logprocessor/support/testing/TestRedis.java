package com.logprocessor.support.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import redis.embedded.RedisServer;

/**
 * One real Redis server (embedded-redis's redis-server binary) per test JVM, on a free port bound
 * to 127.0.0.1, stopped when the JVM exits.
 *
 * <p>As a context initializer ({@code @ContextConfiguration(initializers = TestRedis.class)}) it
 * points the context's Redis (ring membership, caches) at this server.
 */
public final class TestRedis implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static RedisServer server;
    private static int port;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testRedis", Map.of(
                "spring.data.redis.host", "127.0.0.1",
                "spring.data.redis.port", port())));
    }

    public static synchronized int port() {
        if (server == null) {
            try {
                port = freePort();
                server = RedisServer.newRedisServer()
                        .port(port)
                        .bind("127.0.0.1")
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .build();
                server.start();
                RedisServer started = server;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.stop();
                    } catch (IOException ignored) {
                        // the JVM is exiting
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the test Redis", e);
            }
        }
        return port;
    }

    /** A connection of its own to the test Redis; close it when done. */
    public record Connection(LettuceConnectionFactory factory, StringRedisTemplate template) implements AutoCloseable {
        @Override
        public void close() {
            factory.destroy();
        }
    }

    public static Connection connect() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", port()));
        factory.afterPropertiesSet();
        factory.start();
        StringRedisTemplate template = new StringRedisTemplate(factory);
        template.afterPropertiesSet();
        return new Connection(factory, template);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
