package com.logprocessor.coordinator.ingest;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Per-key sequence numbers, owned per Kafka partition of {@code logs.ingest} (all entries of a key
 * are in one partition, so one coordinator at a time numbers a key).
 *
 * <p>Numbering is a pure function of a checkpoint and the records after it: the checkpoint is the
 * last sequence of every key and the offset of the first record not yet fully written, stored
 * together in Redis in one atomic step, only after every record before that offset met its
 * consistency level (or went to the DLQ). A coordinator that takes over a partition (restart,
 * crash, rebalance) resumes at the checkpoint's offset with its counters, so records redelivered
 * after a crash get exactly the sequences they had: "a redelivered entry keeps its sequence"
 * without storing an id → sequence map. A checkpoint from an older consumer-group generation
 * never overwrites a newer one, which fences a zombie consumer.
 *
 * <p>Redis layout: {@code seq:{topic}:{partition}:counters} (hash: partition key → last
 * sequence) and {@code seq:{topic}:{partition}:checkpoint} ("offset:generation").
 */
public class SequenceRegistry {

    /**
     * Checkpoints the partitions of one batch atomically, in one round trip: KEYS are each
     * partition's counters and checkpoint keys, ARGV the generation, then per partition its next
     * offset, the number of counter arguments and the counters. Refuses all (returns 0) if a newer
     * generation checkpointed any of them: the generation is the whole group's, so a consumer that
     * is stale for one partition is stale for all. Counters go in one HSET per 1,000 keys (Lua's
     * unpack is bounded by its C stack); an HSET per key made this script Redis's main cost.
     */
    private static final RedisScript<Long> CHECKPOINT = RedisScript.of("""
            local generation = tonumber(ARGV[1])
            for k = 2, #KEYS, 2 do
              local current = redis.call('GET', KEYS[k])
              if current then
                local stored = tonumber(string.match(current, ':(-?%d+)$'))
                if stored and stored > generation then return 0 end
              end
            end
            local a = 2
            for k = 1, #KEYS, 2 do
              local offset, last = ARGV[a], a + 1 + tonumber(ARGV[a + 1])
              for i = a + 2, last, 2000 do
                redis.call('HSET', KEYS[k], unpack(ARGV, i, math.min(i + 1999, last)))
              end
              redis.call('SET', KEYS[k + 1], offset .. ':' .. ARGV[1])
              a = last + 1
            end
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final String prefix;
    private final int cachedKeysPerPartition;
    /** Checkpointed counters per partition, so hot keys are not read from Redis for every batch. */
    private final Map<Integer, Cache<String, Long>> committed = new ConcurrentHashMap<>();

    public SequenceRegistry(StringRedisTemplate redis, String topic, int cachedKeysPerPartition) {
        this.redis = redis;
        this.prefix = "seq:" + topic + ":";
        this.cachedKeysPerPartition = cachedKeysPerPartition;
    }

    /** Sequences for one partition's records, in offset order, and the counters they leave. */
    public record Assignment(long[] sequences, Map<String, Long> counters) {
    }

    /** Thrown when a newer consumer generation owns the partition: this consumer must stop. */
    public static class FencedException extends RuntimeException {
        public FencedException(List<Integer> partitions, int generation) {
            super("partitions " + partitions + " (some or all) were checkpointed by a newer generation than " + generation);
        }
    }

    /** Where a partition resumes: the first offset not yet fully written, if it was ever checkpointed. */
    public OptionalLong resumeOffset(int partition) {
        String checkpoint = redis.opsForValue().get(checkpointKey(partition));
        if (checkpoint == null) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(checkpoint.substring(0, checkpoint.lastIndexOf(':'))));
    }

    /** Drops cached counters, e.g. when the partition is (re)assigned: Redis is read again. */
    public void forget(int partition) {
        committed.remove(partition);
    }

    /** Numbers records of one partition, given in offset order by partition key; changes nothing yet. */
    public Assignment assign(int partition, List<String> keys) {
        Cache<String, Long> cache = cache(partition);
        Map<String, Long> counters = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String key : keys) {
            if (!counters.containsKey(key)) {
                Long cached = cache.getIfPresent(key);
                if (cached != null) {
                    counters.put(key, cached);
                } else {
                    counters.put(key, null);
                    unknown.add(key);
                }
            }
        }
        if (!unknown.isEmpty()) {
            List<Object> stored = redis.opsForHash().multiGet(countersKey(partition), new ArrayList<>(unknown));
            for (int i = 0; i < unknown.size(); i++) {
                Object value = stored.get(i);
                counters.put(unknown.get(i), value == null ? 0L : Long.parseLong(value.toString()));
            }
        }
        long[] sequences = new long[keys.size()];
        Map<String, Long> touched = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            long next = counters.get(keys.get(i)) + 1;
            counters.put(keys.get(i), next);
            touched.put(keys.get(i), next);
            sequences[i] = next;
        }
        return new Assignment(sequences, touched);
    }

    /** What one partition's checkpoint records: the counters a batch left and the first offset not yet written. */
    public record Checkpoint(int partition, Map<String, Long> counters, long nextOffset) {
    }

    /**
     * Records that every record of the partition before {@code nextOffset} is written, and the
     * counters they left. Throws {@link FencedException} if a newer generation owns it.
     */
    public void checkpoint(int partition, Map<String, Long> counters, long nextOffset, int generation) {
        checkpoint(List.of(new Checkpoint(partition, counters, nextOffset)), generation);
    }

    /**
     * Checkpoints several partitions (one batch's) in one atomic step. Throws
     * {@link FencedException}, and records none of them, if a newer generation owns any.
     */
    public void checkpoint(List<Checkpoint> checkpoints, int generation) {
        if (checkpoints.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(checkpoints.size() * 2);
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(generation));
        for (Checkpoint c : checkpoints) {
            keys.add(countersKey(c.partition()));
            keys.add(checkpointKey(c.partition()));
            args.add(Long.toString(c.nextOffset()));
            args.add(Integer.toString(c.counters().size() * 2));
            c.counters().forEach((key, value) -> {
                args.add(key);
                args.add(Long.toString(value));
            });
        }
        Long applied = redis.execute(CHECKPOINT, keys, args.toArray());
        if (applied == null || applied == 0) {
            List<Integer> partitions = checkpoints.stream().map(Checkpoint::partition).toList();
            partitions.forEach(this::forget);
            throw new FencedException(partitions, generation);
        }
        for (Checkpoint c : checkpoints) {
            cache(c.partition()).putAll(c.counters());
        }
    }

    private Cache<String, Long> cache(int partition) {
        return committed.computeIfAbsent(partition,
                p -> CacheBuilder.newBuilder().maximumSize(cachedKeysPerPartition).build());
    }

    private String countersKey(int partition) {
        return prefix + partition + ":counters";
    }

    private String checkpointKey(int partition) {
        return prefix + partition + ":checkpoint";
    }
}
