package com.logprocessor.support.membership;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives every service with Redis a {@link RingView} of the cluster. Storage nodes add a
 * {@link RingLifecycler} of their own (they know their id and URL). Off with
 * {@code ring.membership.enabled=false}.
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class,
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnBean(RedisConnectionFactory.class)
@ConditionalOnProperty(name = "ring.membership.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties({MembershipProperties.class, ReplicationProperties.class})
public class MembershipAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    public RedisMessageListenerContainer redisMessageListenerContainer(RedisConnectionFactory connectionFactory) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connectionFactory);
        return container;
    }

    @Bean
    @ConditionalOnMissingBean
    public MembershipStore membershipStore(StringRedisTemplate redis, RedisMessageListenerContainer listeners,
                                           JsonMapper json, MembershipProperties properties) {
        return new RedisMembershipStore(redis, listeners, json, properties.keyPrefix());
    }

    @Bean
    @ConditionalOnMissingBean
    public RingView ringView(MembershipStore store, MembershipProperties properties, MeterRegistry meters, Clock clock) {
        return new RingView(store, properties, meters, clock);
    }
}
