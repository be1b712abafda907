package com.logprocessor.support.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * What every service promises an operator, checked against its booted context: liveness and
 * readiness probes, Prometheus metrics tagged with the application name, and OpenAPI docs.
 * A service's test extends this with {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}.
 */
public abstract class ServiceEndpointsContract {

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", TestRedis::port);
    }

    protected RestClient http() {
        return RestClient.create("http://127.0.0.1:" + port);
    }

    @Test
    void livenessAndReadinessProbesAreUp() {
        assertThat(http().get().uri("/actuator/health/liveness").retrieve().body(String.class)).contains("\"UP\"");
        assertThat(http().get().uri("/actuator/health/readiness").retrieve().body(String.class)).contains("\"UP\"");
    }

    @Test
    void prometheusMetricsAreExposedAndTaggedWithTheApplication() {
        String metrics = http().get().uri("/actuator/prometheus")
                .accept(MediaType.TEXT_PLAIN).retrieve().body(String.class);
        assertThat(metrics).contains("jvm_memory_used_bytes").contains("application=\"");
    }

    @Test
    void openApiDocsAreServed() {
        assertThat(http().get().uri("/v3/api-docs").retrieve().body(String.class)).contains("\"openapi\"");
    }
}
