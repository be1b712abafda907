package com.logprocessor.coordinator.ring;

import com.logprocessor.coordinator.replication.ReplicaWriter;
import com.logprocessor.support.antientropy.AntiEntropyClientConfiguration;
import com.logprocessor.support.membership.MembershipProperties;
import com.logprocessor.support.membership.ReplicationProperties;
import com.logprocessor.support.membership.RingView;
import com.logprocessor.support.storage.StorageNodeClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(DistributionProperties.class)
@Import(AntiEntropyClientConfiguration.class) // the /ring page shows the repairs in progress
class RingConfiguration {

    @Bean
    RingStatus ringStatus(RingView ringView, ReplicaWriter writer, ReplicationProperties replication, Clock clock) {
        return new RingStatus(ringView, writer, replication, clock);
    }

    @Bean
    DistributionService distributionService(RingView ringView, StorageNodeClient client, MembershipProperties membership,
                                            DistributionProperties properties, MeterRegistry meters, Clock clock) {
        return new DistributionService(ringView, client, membership, properties, meters, clock);
    }
}
