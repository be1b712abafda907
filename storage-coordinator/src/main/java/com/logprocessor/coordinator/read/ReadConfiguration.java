package com.logprocessor.coordinator.read;

import com.logprocessor.support.membership.ReplicationProperties;
import com.logprocessor.support.membership.RingView;
import com.logprocessor.support.storage.StorageNodeClient;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ReadConfiguration {

    @Bean
    QueryService queryService(RingView ringView, StorageNodeClient client, ReplicationProperties replication,
                              Clock clock) {
        return new QueryService(ringView, client, replication.factor(), clock);
    }
}
