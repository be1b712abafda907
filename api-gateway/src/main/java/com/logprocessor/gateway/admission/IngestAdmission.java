package com.logprocessor.gateway.admission;

import com.logprocessor.support.web.ProblemJson;
import com.logprocessor.support.web.ProblemTypes;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Load shedding for ingest: requests in flight bounded by a resilience4j {@link Bulkhead} (no
 * waiting), their bodies' bytes by a counter, and optionally each client by a resilience4j
 * {@link RateLimiter}. A request over any bound is answered 429 problem+json with
 * {@code Retry-After} before its body is read, and counted in {@code gateway_requests_shed_total{reason}};
 * one within them holds its share until its answer is written.
 */
public class IngestAdmission extends OncePerRequestFilter {

    /** The ingest endpoints; reads and health are never shed here. */
    static final Set<String> INGEST_PATHS = Set.of("/api/logs", "/api/logs/batch", "/api/write");

    private final AdmissionProperties properties;
    private final long unknownLengthBytes;
    private final Bulkhead requests;
    private final AtomicLong bytes = new AtomicLong();
    private final RateLimiterRegistry perKey;
    private final MeterRegistry meters;

    /** @param unknownLengthBytes what a body without Content-Length counts as (the largest body accepted) */
    public IngestAdmission(AdmissionProperties properties, long unknownLengthBytes, MeterRegistry meters) {
        this.properties = properties;
        this.unknownLengthBytes = unknownLengthBytes;
        this.meters = meters;
        this.requests = Bulkhead.of("gateway-ingest", BulkheadConfig.custom()
                .maxConcurrentCalls(properties.maxInFlightRequests()).maxWaitDuration(Duration.ZERO).build());
        this.perKey = properties.perKeyRequestsPerSecond() == 0 ? null : RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(properties.perKeyRequestsPerSecond()).limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO).build());
        Gauge.builder("gateway.ingest.in.flight.requests", requests,
                        b -> properties.maxInFlightRequests() - b.getMetrics().getAvailableConcurrentCalls())
                .description("Ingest requests being handled now").register(meters);
        Gauge.builder("gateway.ingest.in.flight.bytes", bytes, AtomicLong::get)
                .description("Bytes of the ingest requests being handled now").register(meters);
        for (String reason : new String[] {"requests", "bytes", "rate"}) {
            shed(reason);
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !INGEST_PATHS.contains(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (perKey != null && !perKey.rateLimiter(clientKey(request)).acquirePermission()) {
            refuse(request, response, "rate", "this client sent more than " + properties.perKeyRequestsPerSecond()
                    + " ingest requests in the last second (gateway.admission.per-key-requests-per-second)");
            return;
        }
        if (!requests.tryAcquirePermission()) {
            refuse(request, response, "requests", properties.maxInFlightRequests() + " ingest requests are in"
                    + " flight, the most the gateway takes at once (gateway.admission.max-in-flight-requests)");
            return;
        }
        long length = request.getContentLengthLong();
        long size = length < 0 ? unknownLengthBytes : length;
        long limit = properties.maxInFlightBytes().toBytes();
        // A body over the limit on its own still goes through when nothing else is in flight.
        long total = bytes.addAndGet(size);
        if (total > limit && total != size) {
            bytes.addAndGet(-size);
            requests.onComplete();
            refuse(request, response, "bytes", "ingest requests of " + limit + " bytes in all are in flight, the most"
                    + " the gateway takes at once (gateway.admission.max-in-flight-bytes)");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            bytes.addAndGet(-size);
            requests.onComplete();
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String reason, String detail)
            throws IOException {
        shed(reason).increment();
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(properties.retryAfter().toSeconds()));
        ProblemJson.send(response, ProblemTypes.OVERLOADED, HttpStatus.TOO_MANY_REQUESTS.value(), "Too many requests",
                detail + "; nothing was accepted, retry after " + properties.retryAfter().toSeconds() + " s",
                request.getRequestURI());
    }

    private Counter shed(String reason) {
        return Counter.builder("gateway.requests.shed").tag("reason", reason)
                .description("Ingest requests answered 429 before being read: too many or too large in flight, or"
                        + " over the client's rate").register(meters);
    }

    /** The client a rate limit applies to: its API key when it sends one, else its address. */
    static String clientKey(HttpServletRequest request) {
        String key = request.getHeader("X-API-Key");
        if (key == null) {
            key = request.getHeader(HttpHeaders.AUTHORIZATION);
        }
        return key != null && !key.isBlank() ? "key:" + key : "addr:" + request.getRemoteAddr();
    }
}
