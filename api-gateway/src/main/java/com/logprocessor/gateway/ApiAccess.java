package com.logprocessor.gateway;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import com.logprocessor.support.security.EndpointAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may call the public API: ingest keys write, read keys read (admin keys both); the health summary is open. */
@Configuration(proxyBeanMethods = false)
class ApiAccess {

    @Bean
    EndpointAccess gatewayAccess() {
        return rules -> rules
                .requestMatchers(GET, "/api/health").permitAll()
                .requestMatchers(POST, "/api/logs", "/api/logs/batch", "/api/write").hasRole("INGEST")
                .requestMatchers(GET, "/api/logs", "/api/read/**").hasRole("READ");
    }
}
