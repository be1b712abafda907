package com.logprocessor.support.antientropy;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** An {@link AntiEntropyClient} for a service that imports this configuration. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AntiEntropyClientProperties.class)
public class AntiEntropyClientConfiguration {

    @Bean
    AntiEntropyClient antiEntropyClient(AntiEntropyClientProperties properties, JsonMapper json) {
        return new AntiEntropyClient(properties, json);
    }
}
