package com.logprocessor.hints.replay;

import com.logprocessor.support.antientropy.AntiEntropyClientConfiguration;
import com.logprocessor.support.security.InternalToken;
import com.logprocessor.support.storage.StorageNodeClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/**
 * The settings, the storage-node client replay sends with, and the anti-entropy client that asks
 * for a repair of a node whose hints were given up or expired.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HintProperties.class)
@Import(AntiEntropyClientConfiguration.class)
public class ReplayConfiguration {

    @Bean
    StorageNodeClient storageNodeClient(JsonMapper json, HintProperties properties, InternalToken token) {
        return new StorageNodeClient(json, properties.replay().connectTimeout(), properties.replay().timeout(), token);
    }
}
