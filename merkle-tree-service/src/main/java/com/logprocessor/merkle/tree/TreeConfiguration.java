package com.logprocessor.merkle.tree;

import com.logprocessor.support.security.InternalToken;
import com.logprocessor.support.storage.StorageNodeClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The settings, and the storage-node client digests are read with. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MerkleProperties.class)
public class TreeConfiguration {

    @Bean
    StorageNodeClient storageNodeClient(JsonMapper json, MerkleProperties properties, InternalToken token) {
        return new StorageNodeClient(json, properties.node().connectTimeout(), properties.node().timeout(), token);
    }
}
