package com.logprocessor.coordinator.ingest;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.logprocessor.core.version.LamportVersion;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;

/**
 * Where the ids this coordinator recently wrote are stored, so that a client's retry (the same
 * id sent again, e.g. after a timeout) is answered with the sequence the id already has instead of
 * consuming a new one, which would leave a sequence no entry ever fills.
 *
 * <p>Only checkpointed entries are remembered (a held or replayed batch is numbered again), and
 * all entries of a key are numbered by the coordinator that owns its Kafka partition, so a hit is
 * always right. A miss is possible for a retry that comes after this coordinator restarted, lost
 * the partition, or forgot the id (the cache is bounded): then the storage nodes recognise the id
 * ({@code idStoredElsewhere}), the retry is still answered with the stored sequence and stored
 * once, and the sequence it was given stays empty (reads of it answer 404).
 */
public class RecentIds {

    /** Where an id is stored. */
    public record Stored(String partitionKey, long sequence, LamportVersion version) {
    }

    private final Cache<UUID, Stored> ids;

    public RecentIds(int capacity, MeterRegistry meters) {
        this.ids = CacheBuilder.newBuilder().maximumSize(capacity).build();
        Gauge.builder("coordinator.recent.ids", ids, Cache::size)
                .description("Ids remembered to answer client retries with their stored sequence")
                .register(meters);
    }

    public Stored get(UUID id) {
        return ids.getIfPresent(id);
    }

    public void put(UUID id, Stored stored) {
        ids.put(id, stored);
    }
}
