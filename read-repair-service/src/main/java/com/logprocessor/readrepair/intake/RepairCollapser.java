package com.logprocessor.readrepair.intake;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.logprocessor.core.version.LamportVersion;
import com.logprocessor.support.kafka.ReadRepairRecords.ReadRepairRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collapses duplicate requests for one entry. A hot entry read by many clients while a replica is
 * stale yields a request per read; one repair heals them all. Two levels:
 * <ul>
 *   <li>within a batch: one request per (partition key, sequence), the one naming the newest
 *       version;</li>
 *   <li>across batches: the version last made consistent is remembered for the dedup window, and a
 *       request naming no newer version is dropped. A request naming a newer one is repaired: that
 *       version was written after the last repair and may be missing somewhere.</li>
 * </ul>
 * Requests of one entry share a Kafka partition (keyed by partition key), so they reach the same
 * instance and the window sees them all. Thread-safe.
 */
public class RepairCollapser {

    /** Bounds the memory of the window whatever the request rate; the oldest are forgotten first. */
    static final long MAX_REMEMBERED = 100_000;

    private final Cache<EntryKey, LamportVersion> consistent;

    /** {@code window} zero keeps only the collapsing within a batch. */
    public RepairCollapser(Duration window, Ticker ticker) {
        this.consistent = CacheBuilder.newBuilder()
                .expireAfterWrite(window)
                .maximumSize(MAX_REMEMBERED)
                .ticker(ticker)
                .build();
    }

    /** One entry. */
    public record EntryKey(String partitionKey, long sequence) {

        static EntryKey of(ReadRepairRequest request) {
            return new EntryKey(request.partitionKey(), request.sequence());
        }
    }

    /**
     * @param toRepair the requests to repair, one per entry, in the order their entries first appeared
     * @param collapsed how many requests were dropped as duplicates
     */
    public record Collapsed(List<ReadRepairRequest> toRepair, int collapsed) {
    }

    public Collapsed collapse(List<ReadRepairRequest> batch) {
        Map<EntryKey, ReadRepairRequest> byEntry = new LinkedHashMap<>();
        for (ReadRepairRequest request : batch) {
            byEntry.merge(EntryKey.of(request), request, RepairCollapser::namingNewer);
        }
        List<ReadRepairRequest> toRepair = new ArrayList<>(byEntry.size());
        byEntry.forEach((entry, request) -> {
            LamportVersion done = consistent.getIfPresent(entry);
            if (done == null || (request.newest() != null && request.newest().isNewerThan(done))) {
                toRepair.add(request);
            }
        });
        return new Collapsed(toRepair, batch.size() - toRepair.size());
    }

    /** Every UP replica of the entry now holds {@code version} (or newer): skip requests naming no newer one. */
    public void madeConsistent(String partitionKey, long sequence, LamportVersion version) {
        if (version != null) {
            consistent.asMap().merge(new EntryKey(partitionKey, sequence), version, LamportVersion::newest);
        }
    }

    private static ReadRepairRequest namingNewer(ReadRepairRequest a, ReadRepairRequest b) {
        return b.newest() != null && b.newest().isNewerThan(a.newest()) ? b : a;
    }
}
