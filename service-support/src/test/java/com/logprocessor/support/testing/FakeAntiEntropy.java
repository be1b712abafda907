package com.logprocessor.support.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A stand-in for the anti-entropy coordinator, for tests of the services that ask it for repairs or
 * show its jobs: one HTTP server per test JVM on 127.0.0.1 that answers a POST with 202 and a GET
 * with an empty jobs page, and records every request line
 * ({@code POST /api/coordinator/trigger?node=…&reason=…}).
 *
 * <p>As a context initializer it points {@code anti-entropy.url} at itself, so no test ever asks a
 * real coordinator (a demo cluster on the design's ports) for anything.
 */
public final class FakeAntiEntropy implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    private static HttpServer server;

    public static synchronized URI url() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                REQUESTS.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                if (exchange.getRequestMethod().equals("GET")) { // the jobs API: no jobs
                    byte[] body = "{\"jobs\":[],\"counts\":{\"PENDING\":0,\"RUNNING\":0,\"COMPLETED\":0,\"FAILED\":0}}"
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                } else {
                    exchange.sendResponseHeaders(202, -1);
                }
                exchange.close();
            });
            server.start();
        }
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every request received so far, oldest first. */
    public static List<String> requests() {
        return List.copyOf(REQUESTS);
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("fakeAntiEntropy",
                Map.of("anti-entropy.url", url().toString())));
    }
}
