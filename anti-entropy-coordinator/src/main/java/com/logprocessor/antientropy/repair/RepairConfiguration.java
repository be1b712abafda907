package com.logprocessor.antientropy.repair;

import com.logprocessor.antientropy.jobs.JobProperties;
import com.logprocessor.antientropy.planning.PlanningProperties;
import com.logprocessor.support.security.InternalToken;
import com.logprocessor.support.storage.StorageNodeClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The settings of every feature, and the storage-node client repairs read and write with. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RepairProperties.class, JobProperties.class, PlanningProperties.class})
public class RepairConfiguration {

    @Bean
    StorageNodeClient storageNodeClient(JsonMapper json, RepairProperties properties, InternalToken token) {
        return new StorageNodeClient(json, properties.connectTimeout(), properties.timeout(), token);
    }
}
