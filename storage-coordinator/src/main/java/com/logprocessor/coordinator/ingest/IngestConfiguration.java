package com.logprocessor.coordinator.ingest;

import com.logprocessor.coordinator.CoordinatorProperties;
import com.logprocessor.coordinator.dlq.DeadLetters;
import com.logprocessor.coordinator.hints.HintPublisher;
import com.logprocessor.coordinator.replication.ReplicationService;
import com.logprocessor.support.kafka.KafkaErrorHandlers;
import com.logprocessor.support.kafka.TopicsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import tools.jackson.databind.json.JsonMapper;

/** Wires the write path: Kafka in, sequences in Redis, replicas over HTTP, hints and dead letters out. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({HoldProperties.class, DedupProperties.class})
class IngestConfiguration {

    /** Counters kept in memory per ingest partition; the rest are read from Redis when needed. */
    private static final int CACHED_KEYS_PER_PARTITION = 200_000;

    @Bean
    SequenceRegistry sequenceRegistry(StringRedisTemplate redis, TopicsProperties topics) {
        return new SequenceRegistry(redis, topics.ingest(), CACHED_KEYS_PER_PARTITION);
    }

    @Bean
    IngestPipeline ingestPipeline(JsonMapper json, SequenceRegistry sequences, ReplicationService replication,
                                  HintPublisher hints, DeadLetters deadLetters, CoordinatorProperties properties,
                                  Clock clock, MeterRegistry meters, DedupProperties dedup,
                                  KafkaTemplate<String, byte[]> kafka, RetriedSequences retriedSequences) {
        return new IngestPipeline(json, sequences, replication, hints, deadLetters, properties, clock, meters,
                new RecentIds(dedup.recentIds(), meters), retriedSequences, new WriteReplier(kafka, json));
    }

    @Bean
    RetriedSequences retriedSequences(StringRedisTemplate redis) {
        return new RetriedSequences(redis);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService holdScheduler() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "partition-holds");
            t.setDaemon(true);
            return t;
        });
    }

    @Bean
    PartitionHolds partitionHolds(KafkaListenerEndpointRegistry listeners, HoldProperties properties,
                                  ScheduledExecutorService holdScheduler, MeterRegistry meters) {
        return new PartitionHolds(() -> listeners.getListenerContainer(IngestListener.ID), properties, holdScheduler,
                meters);
    }

    @Bean
    IngestListener ingestListener(IngestPipeline pipeline, SequenceRegistry sequences, PartitionHolds holds) {
        return new IngestListener(pipeline, sequences, holds);
    }

    @Bean
    IngestLag ingestLag(KafkaAdmin kafkaAdmin, TopicsProperties topics, SequenceRegistry sequences, MeterRegistry meters) {
        return new IngestLag(Admin.create(kafkaAdmin.getConfigurationProperties()), topics.ingest(),
                topics.ingestPartitions(), sequences, meters);
    }

    /**
     * A batch that fails for a reason outside the entries (Redis unreachable, a fenced checkpoint)
     * is tried again for as long as it takes, never skipped. (Entries whose replicas are
     * unreachable do not get here: their partition is held by {@link PartitionHolds}.)
     */
    @Bean
    CommonErrorHandler ingestErrorHandler() {
        return KafkaErrorHandlers.retryForever();
    }
}
