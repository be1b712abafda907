package com.logprocessor.coordinator.ingest;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Sequences given to a client's retry that {@link RecentIds} did not recognise (the id was
 * numbered by another coordinator, before a restart, or too long ago): the storage nodes refused
 * to store the id twice, so no entry will ever hold that sequence. Each such sequence is recorded
 * here, with where the id really is, so that a read of it answers a documented "retried id" 404
 * instead of a mystery. Rare by construction; kept in one Redis hash, written before the batch is
 * checkpointed (a replayed batch records it again, the same way).
 */
public class RetriedSequences {

    static final String KEY = "retried-sequences";

    private final StringRedisTemplate redis;

    public RetriedSequences(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Where the id that was given {@code partitionKey}/{@code sequence} is stored. */
    public record Retry(UUID id, String storedPartitionKey, long storedSequence) {
    }

    public void record(Map<String, Retry> retries) {
        if (retries.isEmpty()) {
            return;
        }
        Map<String, String> values = new java.util.LinkedHashMap<>();
        retries.forEach((field, r) -> values.put(field, r.id() + " " + r.storedSequence() + " " + r.storedPartitionKey()));
        redis.opsForHash().putAll(KEY, values);
    }

    public Optional<Retry> find(String partitionKey, long sequence) {
        Object value = redis.opsForHash().get(KEY, field(partitionKey, sequence));
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.toString().split(" ", 3);
        return Optional.of(new Retry(UUID.fromString(parts[0]), parts[2], Long.parseLong(parts[1])));
    }

    /** The hash field of a sequence: the key and the sequence, with a separator no key contains. */
    public static String field(String partitionKey, long sequence) {
        return partitionKey + "\u0000" + sequence;
    }
}
