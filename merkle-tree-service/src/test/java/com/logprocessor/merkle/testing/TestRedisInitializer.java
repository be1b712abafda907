package com.logprocessor.merkle.testing;

import com.logprocessor.support.testing.TestRedis;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points ring membership and the tree cache at the shared test Redis (one per test JVM). */
public class TestRedisInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testRedis", Map.of(
                "spring.data.redis.host", "127.0.0.1",
                "spring.data.redis.port", TestRedis.port())));
    }
}
