package com.logprocessor.it.support;

import com.logprocessor.core.membership.Member;
import com.logprocessor.core.membership.MemberState;
import com.logprocessor.core.membership.MembershipSnapshot;
import com.logprocessor.support.membership.MembershipStore;
import com.logprocessor.support.membership.RedisMembershipStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/** Ring membership read straight from the cluster's Redis, the way every service reads it. */
public final class Membership {

    private static MembershipStore store;

    private Membership() {
    }

    public static synchronized MembershipStore store() {
        if (store == null) {
            LettuceConnectionFactory factory = new LettuceConnectionFactory(
                    new RedisStandaloneConfiguration("127.0.0.1", TestCluster.get().redisPort()));
            factory.afterPropertiesSet();
            factory.start();
            StringRedisTemplate redis = new StringRedisTemplate(factory);
            redis.afterPropertiesSet();
            RedisMessageListenerContainer listeners = new RedisMessageListenerContainer();
            listeners.setConnectionFactory(factory);
            listeners.afterPropertiesSet();
            listeners.start();
            store = new RedisMembershipStore(redis, listeners, Http.JSON, "ring");
        }
        return store;
    }

    /** Every registered node, UP while its heartbeat lives, with the ring of the UP ones. */
    public static MembershipSnapshot snapshot() {
        Map<String, Member> members = new HashMap<>();
        for (MembershipStore.StoredMember s : store().readAll()) {
            Member hb = s.heartbeat();
            members.put(s.nodeId(), hb != null
                    ? new Member(s.nodeId(), hb.url(), s.tokens(), MemberState.UP, hb.startedAt(), hb.heartbeatAt())
                    : new Member(s.nodeId(), null, s.tokens(), MemberState.DOWN, null, null));
        }
        return new MembershipSnapshot(members, Instant.now());
    }

    public static List<Long> tokensOf(String nodeId) {
        return store().tokensOf(nodeId).orElse(List.of());
    }
}
