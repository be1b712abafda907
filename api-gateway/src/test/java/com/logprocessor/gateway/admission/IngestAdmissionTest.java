package com.logprocessor.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

class IngestAdmissionTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private IngestAdmission admission(int requests, long bytes, int perKey) {
        return new IngestAdmission(new AdmissionProperties(requests, DataSize.ofBytes(bytes), perKey,
                Duration.ofSeconds(2)), 1000, meters);
    }

    private static MockHttpServletRequest post(String path, int length, String key) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setContent(new byte[length]);
        if (key != null) {
            request.addHeader("X-API-Key", key);
        }
        return request;
    }

    /** Runs the request through the filter in another thread, its handling blocked until {@code release}. */
    private static CompletableFuture<MockHttpServletResponse> held(IngestAdmission admission,
            MockHttpServletRequest request, CountDownLatch entered, CountDownLatch release) {
        return CompletableFuture.supplyAsync(() -> {
            MockHttpServletResponse response = new MockHttpServletResponse();
            try {
                admission.doFilter(request, response, (req, res) -> {
                    entered.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return response;
        });
    }

    private static MockHttpServletResponse now(IngestAdmission admission, MockHttpServletRequest request)
            throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        boolean[] passed = {false};
        FilterChain chain = (req, res) -> passed[0] = true;
        admission.doFilter(request, response, chain);
        assertThat(passed[0]).isEqualTo(response.getStatus() == 200);
        return response;
    }

    private double shed(String reason) {
        return meters.get("gateway.requests.shed").tag("reason", reason).counter().count();
    }

    @Test
    void overTheRequestsInFlightItAnswers429WithRetryAfterAndRecoversOnceTheyEnd() throws Exception {
        IngestAdmission admission = admission(2, 1_000_000, 0);
        CountDownLatch entered = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        var first = held(admission, post("/api/logs", 10, null), entered, release);
        var second = held(admission, post("/api/logs/batch", 10, null), entered, release);
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        MockHttpServletResponse refused = now(admission, post("/api/write", 10, null));
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("2");
        assertThat(refused.getContentType()).isEqualTo("application/problem+json");
        assertThat(refused.getContentAsString()).contains("\"type\":\"urn:logstorage:problem:overloaded\"",
                "\"status\":429", "max-in-flight-requests");
        assertThat(shed("requests")).isEqualTo(1);
        // Reads are never shed.
        assertThat(now(admission, new MockHttpServletRequest("GET", "/api/logs")).getStatus()).isEqualTo(200);

        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(second.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(now(admission, post("/api/logs", 10, null)).getStatus()).isEqualTo(200);
        assertThat(meters.get("gateway.ingest.in.flight.requests").gauge().value()).isZero();
    }

    @Test
    void overTheBytesInFlightItAnswers429ButALoneLargeBodyGoesThrough() throws Exception {
        IngestAdmission admission = admission(100, 100, 0);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        var big = held(admission, post("/api/logs/batch", 80, null), entered, release);
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(meters.get("gateway.ingest.in.flight.bytes").gauge().value()).isEqualTo(80);

        MockHttpServletResponse refused = now(admission, post("/api/logs", 30, null));
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentAsString()).contains("max-in-flight-bytes");
        assertThat(shed("bytes")).isEqualTo(1);
        assertThat(now(admission, post("/api/logs", 20, null)).getStatus()).isEqualTo(200);

        release.countDown();
        assertThat(big.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(now(admission, post("/api/logs/batch", 500, null)).getStatus()).isEqualTo(200);
        assertThat(meters.get("gateway.ingest.in.flight.bytes").gauge().value()).isZero();
    }

    @Test
    void aClientOverItsRateIsRefusedAndOthersAreNot() throws Exception {
        IngestAdmission admission = admission(100, 1_000_000, 2);
        assertThat(now(admission, post("/api/logs", 1, "alpha")).getStatus()).isEqualTo(200);
        assertThat(now(admission, post("/api/logs", 1, "alpha")).getStatus()).isEqualTo(200);
        MockHttpServletResponse refused = now(admission, post("/api/logs", 1, "alpha"));
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentAsString()).contains("per-key-requests-per-second");
        assertThat(shed("rate")).isEqualTo(1);
        assertThat(now(admission, post("/api/logs", 1, "beta")).getStatus()).isEqualTo(200);
        assertThat(IngestAdmission.clientKey(post("/api/logs", 1, null))).startsWith("addr:");
    }

    @Test
    void settingsAreValidated() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AdmissionProperties(1, DataSize.ofBytes(1), 0,
                Duration.ofMillis(500))).hasMessageContaining("retry-after");
    }
}
