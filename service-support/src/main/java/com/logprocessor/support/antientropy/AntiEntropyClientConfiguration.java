package com.logprocessor.support.antientropy;

import com.logprocessor.support.security.InternalToken;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** An {@link AntiEntropyClient} for a service that imports this configuration. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AntiEntropyClientProperties.class)
public class AntiEntropyClientConfiguration {

    @Bean
    AntiEntropyClient antiEntropyClient(AntiEntropyClientProperties properties, JsonMapper json,
                                          InternalToken token) {
        return new AntiEntropyClient(properties, json, token);
    }
}
