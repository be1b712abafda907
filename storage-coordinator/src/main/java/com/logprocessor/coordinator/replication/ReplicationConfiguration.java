package com.logprocessor.coordinator.replication;

import com.logprocessor.coordinator.CoordinatorProperties;
import com.logprocessor.support.membership.ReplicationProperties;
import com.logprocessor.support.membership.RingView;
import com.logprocessor.support.security.InternalToken;
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
import tools.jackson.databind.json.JsonMapper;

/** Wires replica writes: the storage-node client, a breaker and retry per node, the write round. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CoordinatorProperties.class)
class ReplicationConfiguration {

    @Bean
    StorageNodeClient storageNodeClient(JsonMapper json, CoordinatorProperties properties, InternalToken token) {
        return new StorageNodeClient(json, properties.connectTimeout(), properties.replicaTimeout(), token);
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
    ReplicationService replicationService(RingView ringView, StorageNodeClient client, ReplicaWriter writer,
                                          ReplicationProperties replication, MeterRegistry meters, Clock clock) {
        return new ReplicationService(ringView, client, writer, replication.factor(), meters, clock);
    }
}
