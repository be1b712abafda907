package com.logprocessor.coordinator.config;

import com.logprocessor.coordinator.ingest.IngestListener;
import com.logprocessor.coordinator.ingest.IngestPipeline;
import com.logprocessor.coordinator.ingest.SequenceRegistry;
import com.logprocessor.coordinator.replication.CountingHintSink;
import com.logprocessor.coordinator.replication.DeadLetters;
import com.logprocessor.coordinator.replication.HintSink;
import com.logprocessor.coordinator.replication.ReplicaWriter;
import com.logprocessor.coordinator.replication.ReplicationService;
import com.logprocessor.support.kafka.TopicsProperties;
import com.logprocessor.support.membership.ReplicationProperties;
import com.logprocessor.support.membership.RingView;
import com.logprocessor.support.storage.StorageNodeClient;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.databind.json.JsonMapper;

/** Wires the write path: Kafka in, sequences in Redis, replicas over HTTP, DLQ out. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CoordinatorProperties.class)
public class CoordinatorConfiguration {

    /** Counters kept in memory per ingest partition; the rest are read from Redis when needed. */
    private static final int CACHED_KEYS_PER_PARTITION = 200_000;

    @Bean
    StorageNodeClient storageNodeClient(JsonMapper json, CoordinatorProperties properties) {
        return new StorageNodeClient(json, properties.connectTimeout(), properties.replicaTimeout());
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService replicaRetryScheduler() {
        return Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "replica-retry");
            t.setDaemon(true);
            return t;
        });
    }

    @Bean
    ReplicaWriter replicaWriter(StorageNodeClient client, CircuitBreakerRegistry breakers, RetryRegistry retries,
                                ScheduledExecutorService replicaRetryScheduler, MeterRegistry meters) {
        return new ReplicaWriter(client, breakers, retries, replicaRetryScheduler, meters);
    }

    @Bean
    HintSink hintSink(MeterRegistry meters) {
        return new CountingHintSink(meters);
    }

    @Bean
    ReplicationService replicationService(RingView ringView, StorageNodeClient client, ReplicaWriter writer,
                                          HintSink hints, ReplicationProperties replication, MeterRegistry meters,
                                          Clock clock) {
        return new ReplicationService(ringView, client, writer, hints, replication.factor(), meters, clock);
    }

    @Bean
    DeadLetters deadLetters(KafkaTemplate<String, byte[]> kafka, JsonMapper json, TopicsProperties topics,
                            MeterRegistry meters) {
        return new DeadLetters(kafka, json, topics, meters);
    }

    @Bean
    SequenceRegistry sequenceRegistry(StringRedisTemplate redis, TopicsProperties topics) {
        return new SequenceRegistry(redis, topics.ingest(), CACHED_KEYS_PER_PARTITION);
    }

    @Bean
    IngestPipeline ingestPipeline(JsonMapper json, SequenceRegistry sequences, ReplicationService replication,
                                  DeadLetters deadLetters, CoordinatorProperties properties, Clock clock,
                                  MeterRegistry meters) {
        return new IngestPipeline(json, sequences, replication, deadLetters, properties, clock, meters);
    }

    @Bean
    IngestListener ingestListener(IngestPipeline pipeline, SequenceRegistry sequences) {
        return new IngestListener(pipeline, sequences);
    }

    /**
     * A batch that fails for a reason outside the entries (Redis or Kafka unreachable) is retried
     * for as long as it takes, with growing pauses up to 30 s: it is never skipped, since skipping
     * would lose acknowledged logs.
     */
    @Bean
    CommonErrorHandler ingestErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2);
        backOff.setMaxInterval(30_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return new DefaultErrorHandler(backOff);
    }
}
