package com.logprocessor.hints.replay;

import com.logprocessor.support.storage.StorageNodeClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The settings and the storage-node client replay sends with. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HintProperties.class)
public class ReplayConfiguration {

    @Bean
    StorageNodeClient storageNodeClient(JsonMapper json, HintProperties properties) {
        return new StorageNodeClient(json, properties.replay().connectTimeout(), properties.replay().timeout());
    }
}
