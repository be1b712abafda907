package com.logprocessor.readrepair.repair;

import com.logprocessor.support.storage.EntryRepair;
import com.logprocessor.support.security.InternalToken;
import com.logprocessor.support.storage.StorageNodeClient;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The settings, and the shared storage-node I/O repairs read and write with. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReadRepairProperties.class)
public class RepairConfiguration {

    @Bean
    StorageNodeClient storageNodeClient(JsonMapper json, ReadRepairProperties properties, InternalToken token) {
        return new StorageNodeClient(json, properties.connectTimeout(), properties.timeout(), token);
    }

    @Bean
    EntryRepair entryRepair(StorageNodeClient client, Clock clock, ReadRepairProperties properties) {
        return new EntryRepair(client, clock, properties.fanOutDeadline());
    }
}
