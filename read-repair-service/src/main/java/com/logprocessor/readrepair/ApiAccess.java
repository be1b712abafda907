package com.logprocessor.readrepair;

import static org.springframework.http.HttpMethod.GET;

import com.logprocessor.support.security.EndpointAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may call the read-repair-service: its stats are for read keys. */
@Configuration(proxyBeanMethods = false)
class ApiAccess {

    @Bean
    EndpointAccess readRepairAccess() {
        return rules -> rules.requestMatchers(GET, "/api/read-repair/stats").hasRole("READ");
    }
}
