package com.logprocessor.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

/** A service with only service-support: one endpoint, one that fails, and a filter that refuses two paths. */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "com.logprocessor.support.kafka.KafkaTopicsAutoConfiguration"})
class ProblemErrorsTestApp {

    @RestController
    static class Endpoints {

        @GetMapping("/api/echo")
        String echo() {
            return "echo";
        }

        @GetMapping("/api/param")
        String param(@org.springframework.web.bind.annotation.RequestParam(required = false) String name) {
            return "name=" + name;
        }

        @GetMapping("/api/boom")
        String boom() {
            throw new IllegalStateException("secret internals");
        }
    }

    /** Refuses before any handler: a service exception thrown, and a bare sendError with a NUL in its message. */
    @Bean
    OncePerRequestFilter refusingFilter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws java.io.IOException, jakarta.servlet.ServletException {
                if (request.getRequestURI().equals("/api/filtered")) {
                    throw ProblemException.unavailable("the filter's dependency is down").retryAfter(Duration.ofSeconds(7));
                }
                if (request.getRequestURI().equals("/api/refused")) {
                    response.sendError(403, "no\u0000entry");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }
}
