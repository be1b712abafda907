package com.logprocessor.support.kafka;

import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** Error handling shared by the listeners that must never skip a record. */
public final class KafkaErrorHandlers {

    private KafkaErrorHandlers() {
    }

    /**
     * A batch whose processing fails for a reason outside its records (Redis, PostgreSQL or Kafka
     * unreachable) is tried again for as long as it takes, with pauses growing from 0.5 s to 30 s
     * while the consumer keeps polling (paused) to stay in its group: skipping it would lose data
     * a client was told is safe. Records that can never be processed must be set aside by the
     * listener itself (dead letters, rejected hints), not thrown here.
     */
    public static CommonErrorHandler retryForever() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
        backOff.setMaxInterval(30_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return new DefaultErrorHandler(backOff);
    }
}
