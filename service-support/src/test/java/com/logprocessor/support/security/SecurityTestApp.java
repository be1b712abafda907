package com.logprocessor.support.security;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import java.util.List;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A service with only service-support and endpoints of every kind: open, per role, internal, a browser form. */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "com.logprocessor.support.kafka.KafkaTopicsAutoConfiguration"})
class SecurityTestApp {

    @RestController
    static class Endpoints {

        @GetMapping("/api/open")
        String open() {
            return "open";
        }

        @GetMapping("/api/things")
        String read() {
            return "things";
        }

        @PostMapping("/api/things")
        String ingest() {
            return "stored";
        }

        @PostMapping("/api/admin/forget")
        String admin() {
            return "forgotten";
        }

        @GetMapping("/api/internal/state")
        String internal() {
            return "internal";
        }

        @GetMapping("/page")
        String page(CsrfToken csrf) {
            return csrf == null ? "" : csrf.getParameterName() + "=" + csrf.getToken();
        }

        @PostMapping("/page/forget")
        String form() {
            return "form posted";
        }
    }

    @Bean
    EndpointAccess testAccess() {
        return new EndpointAccess() {
            @Override
            public void rules(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
                rules.requestMatchers(GET, "/api/open").permitAll()
                        .requestMatchers(GET, "/api/things", "/page").hasRole("READ")
                        .requestMatchers(POST, "/api/things").hasRole("INGEST")
                        .requestMatchers(POST, "/api/admin/**", "/page/forget").hasRole("ADMIN");
            }

            @Override
            public List<String> browserForms() {
                return List.of("/page/forget");
            }
        };
    }
}
