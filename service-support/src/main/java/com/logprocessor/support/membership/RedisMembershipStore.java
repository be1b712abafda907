package com.logprocessor.support.membership;

import com.logprocessor.core.membership.Member;
import com.logprocessor.core.membership.RingEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.SubscriptionListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Membership in Redis:
 * <ul>
 *   <li>{@code ring:tokens} (hash, no expiry): node id → its tokens as a JSON array. Tokens are
 *       kept across restarts and while a node is down, so it rejoins with the same ones;</li>
 *   <li>{@code ring:node:{nodeId}} (string with TTL): the member as JSON, refreshed by each
 *       heartbeat; its expiry is the node's death;</li>
 *   <li>{@code ring:events} (pub/sub): JOIN, LEAVE and FORGET events as JSON;</li>
 *   <li>{@code ring:lock}: the join lock, so two joining nodes never allocate from the same ring.</li>
 * </ul>
 * Multi-key reads run as Lua scripts so a reader sees one consistent moment.
 */
public class RedisMembershipStore implements MembershipStore {

    private static final Logger log = LoggerFactory.getLogger(RedisMembershipStore.class);
    private static final TypeReference<List<Long>> TOKEN_LIST = new TypeReference<>() {
    };

    /** For every registered node: id, tokens, heartbeat JSON ('' if none), heartbeat TTL in ms. */
    private static final RedisScript<List> READ_ALL = RedisScript.of("""
            local ids = redis.call('HKEYS', KEYS[1])
            local out = {}
            for _, id in ipairs(ids) do
              local key = ARGV[1] .. id
              local member = redis.call('GET', key)
              table.insert(out, id)
              table.insert(out, redis.call('HGET', KEYS[1], id))
              table.insert(out, member or '')
              table.insert(out, tostring(redis.call('PTTL', key)))
            end
            return out
            """, List.class);

    private static final RedisScript<Long> HEARTBEAT = RedisScript.of("""
            local existed = redis.call('EXISTS', KEYS[1])
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return existed
            """, Long.class);

    private static final RedisScript<Long> FORGET = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HDEL', KEYS[2], ARGV[1])
            return 1
            """, Long.class);

    private static final RedisScript<Long> UNLOCK = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """, Long.class);

    private final StringRedisTemplate redis;
    private final RedisMessageListenerContainer listeners;
    private final JsonMapper json;
    private final String tokensKey;
    private final String nodeKeyPrefix;
    private final String eventsChannel;
    private final String lockKey;

    public RedisMembershipStore(StringRedisTemplate redis, RedisMessageListenerContainer listeners,
                                JsonMapper json, String keyPrefix) {
        this.redis = redis;
        this.listeners = listeners;
        this.json = json;
        this.tokensKey = keyPrefix + ":tokens";
        this.nodeKeyPrefix = keyPrefix + ":node:";
        this.eventsChannel = keyPrefix + ":events";
        this.lockKey = keyPrefix + ":lock";
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<StoredMember> readAll() {
        List<Object> flat = redis.execute(READ_ALL, List.of(tokensKey), nodeKeyPrefix);
        List<StoredMember> out = new ArrayList<>();
        for (int i = 0; i + 3 < flat.size(); i += 4) {
            String id = text(flat.get(i));
            List<Long> tokens = json.readValue(text(flat.get(i + 1)), TOKEN_LIST);
            String heartbeat = text(flat.get(i + 2));
            long ttl = Long.parseLong(text(flat.get(i + 3)));
            Member member = heartbeat.isEmpty() ? null : json.readValue(heartbeat, Member.class);
            out.add(new StoredMember(id, tokens, member, member == null ? 0 : Math.max(0, ttl)));
        }
        return out;
    }

    private static String text(Object o) {
        return o instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(o);
    }

    @Override
    public Optional<List<Long>> tokensOf(String nodeId) {
        Object stored = redis.opsForHash().get(tokensKey, nodeId);
        return stored == null ? Optional.empty() : Optional.of(json.readValue(stored.toString(), TOKEN_LIST));
    }

    @Override
    public void saveTokens(String nodeId, List<Long> tokens) {
        redis.opsForHash().put(tokensKey, nodeId, json.writeValueAsString(tokens));
    }

    @Override
    public boolean heartbeat(Member member, Duration ttl) {
        Long existed = redis.execute(HEARTBEAT, List.of(nodeKeyPrefix + member.nodeId()),
                json.writeValueAsString(member), Long.toString(ttl.toMillis()));
        return existed == null || existed == 0;
    }

    @Override
    public void deregister(String nodeId) {
        redis.delete(nodeKeyPrefix + nodeId);
    }

    @Override
    public boolean forget(String nodeId) {
        Long removed = redis.execute(FORGET, List.of(nodeKeyPrefix + nodeId, tokensKey), nodeId);
        return removed != null && removed == 1;
    }

    @Override
    public void publish(RingEvent event) {
        redis.convertAndSend(eventsChannel, json.writeValueAsString(event));
    }

    @Override
    public void subscribe(Consumer<RingEvent> listener, Runnable onSubscribed) {
        listeners.addMessageListener(new EventListener(listener, onSubscribed), new ChannelTopic(eventsChannel));
    }

    /** The container tells a listener that is also a {@link SubscriptionListener} when SUBSCRIBE was confirmed. */
    private final class EventListener implements MessageListener, SubscriptionListener {
        private final Consumer<RingEvent> listener;
        private final Runnable onSubscribed;

        EventListener(Consumer<RingEvent> listener, Runnable onSubscribed) {
            this.listener = listener;
            this.onSubscribed = onSubscribed;
        }

        @Override
        public void onMessage(Message message, byte[] pattern) {
            try {
                listener.accept(json.readValue(message.getBody(), RingEvent.class));
            } catch (RuntimeException e) {
                log.warn("Ignoring a malformed ring event: {}", e.getMessage());
            }
        }

        @Override
        public void onChannelSubscribed(byte[] channel, long count) {
            onSubscribed.run();
        }
    }

    @Override
    public <T> T withJoinLock(Duration wait, Supplier<T> action) {
        String owner = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + wait.toNanos();
        // The lock expires on its own, so a node that dies while holding it does not block joins.
        Duration lease = wait.plusSeconds(30);
        while (!Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(lockKey, owner, lease))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not take the ring join lock within " + wait);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the ring join lock", e);
            }
        }
        try {
            return action.get();
        } finally {
            redis.execute(UNLOCK, List.of(lockKey), owner);
        }
    }

    @Override
    public String toString() {
        return "RedisMembershipStore" + Arrays.asList(tokensKey, nodeKeyPrefix + "*", eventsChannel);
    }
}
