package com.logprocessor.antientropy;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import com.logprocessor.support.security.EndpointAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Who may call anti-entropy: jobs are for read keys, a trigger for admin keys (and the services' internal token). */
@Configuration(proxyBeanMethods = false)
class ApiAccess {

    @Bean
    EndpointAccess antiEntropyAccess() {
        return rules -> rules
                .requestMatchers(GET, "/api/coordinator/jobs", "/api/coordinator/jobs/*").hasRole("READ")
                .requestMatchers(POST, "/api/coordinator/trigger").hasRole("ADMIN");
    }
}
