package com.logprocessor.hints;

import static org.springframework.http.HttpMethod.GET;

import com.logprocessor.support.security.EndpointAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may call the hint-manager: its backlog and stats are for read keys. */
@Configuration(proxyBeanMethods = false)
class ApiAccess {

    @Bean
    EndpointAccess hintsAccess() {
        return rules -> rules.requestMatchers(GET, "/api/hints/pending", "/api/hints/stats").hasRole("READ");
    }
}
