package com.logprocessor.merkle;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import com.logprocessor.support.security.EndpointAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call the Merkle tree service: its health is open; building and comparing trees (digests,
 * never log content) is for read keys, as an operator's diagnosis.
 */
@Configuration(proxyBeanMethods = false)
class ApiAccess {

    @Bean
    EndpointAccess merkleAccess() {
        return rules -> rules
                .requestMatchers(GET, "/api/merkle/health").permitAll()
                .requestMatchers(POST, "/api/merkle/build", "/api/merkle/compare").hasRole("READ");
    }
}
