package com.logprocessor.support.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings every service shares, added with the lowest precedence so a service's own
 * {@code application.yml}, the environment or the command line can still override them.
 * Operators get the same probes, metrics and error shape from every service.
 */
public class ServiceDefaults implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "logStorageServiceDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus,metrics");
        defaults.put("management.endpoint.health.probes.enabled", "true");
        defaults.put("management.endpoint.health.show-details", "always");
        defaults.put("management.metrics.tags.application", "${spring.application.name}");
        defaults.put("management.metrics.distribution.percentiles-histogram.http.server.requests", "true");
        // Membership calls are small: fail fast and retry on the next heartbeat or poll rather
        // than block a thread (or shutdown) for Lettuce's default of a minute.
        defaults.put("spring.data.redis.timeout", "2s");
        defaults.put("spring.data.redis.connect-timeout", "2s");
        // Nothing listens for Spring's ServletRequestHandledEvent; publishing one per request is
        // pure cost on the hot paths (every quorum read is four requests).
        defaults.put("spring.mvc.publish-request-handled-events", "false");
        defaults.put("server.shutdown", "graceful");
        defaults.put("spring.lifecycle.timeout-per-shutdown-phase", "20s");
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
    }
}
