package com.logprocessor.coordinator.replication;

import com.logprocessor.support.storage.StorageApi.StoreResult;
import com.logprocessor.support.storage.StorageNodeClient;
import com.logprocessor.support.storage.StorageNodeException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;

/**
 * Sends one batch to one storage node through that node's circuit breaker and retry
 * (resilience4j, one instance of each per node, configured under
 * {@code resilience4j.circuitbreaker.configs.default} and {@code resilience4j.retry.configs.default}).
 * Only failures a retry could fix count: no answer or a 5xx opens the breaker; a 4xx does not, and
 * is not retried. An open breaker fails the call at once, so a dead node costs no timeouts.
 */
public class ReplicaWriter {

    private static final Predicate<Throwable> RETRYABLE = t -> {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return cause instanceof StorageNodeException e && e.isRetryable();
    };

    private final StorageNodeClient client;
    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;
    private final ScheduledExecutorService scheduler;
    private final MeterRegistry meters;

    public ReplicaWriter(StorageNodeClient client, CircuitBreakerRegistry breakers, RetryRegistry retries,
                         ScheduledExecutorService scheduler, MeterRegistry meters) {
        this.client = client;
        this.breakers = breakers;
        this.retries = retries;
        this.scheduler = scheduler;
        this.meters = meters;
    }

    /**
     * Writes entries (each encoded once with {@link StorageNodeClient#encode}) to the node;
     * completes exceptionally if it did not take them.
     */
    public CompletableFuture<StoreResult> write(String nodeId, String nodeUrl, List<byte[]> entries) {
        CircuitBreaker breaker = breaker(nodeId);
        Retry retry = retry(nodeId);
        Timer.Sample sample = Timer.start(meters);
        return Retry.decorateCompletionStage(retry, scheduler,
                        CircuitBreaker.decorateCompletionStage(breaker, () -> client.storeEncoded(nodeUrl, entries)))
                .get()
                .toCompletableFuture()
                .whenComplete((result, error) -> sample.stop(Timer.builder("coordinator.replica.write")
                        .description("One batch write to one storage node, retries included")
                        .tag("node", nodeId)
                        .tag("outcome", error == null ? "success" : "failure")
                        .publishPercentiles(0.5, 0.99)
                        .register(meters)));
    }

    /** The breaker of a node (created on first use, from the default configuration). */
    public CircuitBreaker breaker(String nodeId) {
        return breakers.circuitBreaker(nodeId, () -> CircuitBreakerConfig.from(breakers.getDefaultConfig())
                .recordException(RETRYABLE)
                .build());
    }

    private Retry retry(String nodeId) {
        return retries.retry(nodeId, () -> RetryConfig.from(retries.getDefaultConfig())
                .retryOnException(t -> RETRYABLE.test(t) && !(t instanceof CallNotPermittedException))
                .build());
    }
}
