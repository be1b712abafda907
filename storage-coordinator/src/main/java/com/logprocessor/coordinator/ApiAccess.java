package com.logprocessor.coordinator;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import com.logprocessor.support.security.EndpointAccess;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Who may call the coordinator: the ring, the distribution and the dead letters are for read keys;
 * Forget and the DLQ replay for admin keys. The query and read the gateway forwards stay internal.
 */
@Configuration(proxyBeanMethods = false)
class ApiAccess {

    @Bean
    EndpointAccess coordinatorAccess() {
        return new EndpointAccess() {
            @Override
            public void rules(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
                rules.requestMatchers(GET, "/ring", "/api/coordinator/nodes", "/api/coordinator/node/*",
                                "/api/coordinator/metrics/distribution", "/api/coordinator/dlq").hasRole("READ")
                        .requestMatchers(DELETE, "/api/coordinator/nodes/*").hasRole("ADMIN")
                        .requestMatchers(POST, "/ring/forget", "/api/coordinator/dlq/replay").hasRole("ADMIN");
            }

            @Override
            public List<String> browserForms() {
                return List.of("/ring/forget");
            }
        };
    }
}
