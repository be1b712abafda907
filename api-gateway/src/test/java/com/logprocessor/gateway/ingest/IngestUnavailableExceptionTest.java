package com.logprocessor.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** What a client is told when Kafka cannot take its logs: 503, retry after the configured wait. */
class IngestUnavailableExceptionTest {

    @Test
    void carriesItsCauseAndWhenToRetry() {
        TimeoutException cause = new TimeoutException("no broker");
        IngestUnavailableException e = new IngestUnavailableException("Kafka did not acknowledge", cause,
                Duration.ofSeconds(5));
        assertThat(e.status().value()).isEqualTo(503);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(e.getCause()).isSameAs(cause);
        assertThat(e.toProblem().getProperties()).containsEntry("retryable", true);
    }
}
