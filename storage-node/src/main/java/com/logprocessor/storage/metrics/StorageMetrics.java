package com.logprocessor.storage.metrics;

import com.logprocessor.storage.membership.StorageNodeProperties;
import com.logprocessor.storage.store.DigestJournal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The node's metrics. {@code storage_node_log_count{node}} is an in-memory count: read once at
 * start-up from the segment digests (a sum over one row per segment, not a {@code count(*)} over
 * the entries) and advanced after each committed write, so a scrape costs nothing.
 */
@Component
public class StorageMetrics {

    private final AtomicLong logCount = new AtomicLong();
    private final Timer batchWrites;
    private final Counter inserted;
    private final Counter updated;
    private final Counter unchanged;
    private final Counter conflicts;
    private final Counter digestMismatches;
    private final Counter entryHashMismatches;

    public StorageMetrics(MeterRegistry registry, StorageNodeProperties node, JdbcTemplate jdbc) {
        String nodeId = node.id();
        logCount.set(jdbc.queryForObject(DigestJournal.STORED_ENTRIES_AND_DIGEST, (rs, i) -> rs.getLong(1)));
        Gauge.builder("storage.node.log.count", logCount, AtomicLong::get)
                .description("Entries stored on this node")
                .tag("node", nodeId)
                .register(registry);
        batchWrites = Timer.builder("storage.node.write")
                .description("Time to validate and commit one store request (single entry or batch)")
                .tag("node", nodeId)
                // Buckets rather than client-side quantiles: Prometheus exposes one or the other under a
                // name, and only buckets aggregate across nodes (histogram_quantile over sum by (le)).
                .publishPercentileHistogram()
                .register(registry);
        inserted = outcome(registry, nodeId, "inserted");
        updated = outcome(registry, nodeId, "updated");
        unchanged = outcome(registry, nodeId, "unchanged");
        conflicts = outcome(registry, nodeId, "conflict");
        digestMismatches = Counter.builder("storage.node.digest.mismatches")
                .description("Segment digests found different from a recomputation over the stored entries")
                .tag("node", nodeId)
                .register(registry);
        entryHashMismatches = Counter.builder("storage.node.entry.hash.mismatches")
                .description("Stored entry content hashes found different from a recomputation of the entry")
                .tag("node", nodeId)
                .register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String nodeId, String outcome) {
        return Counter.builder("storage.node.entries")
                .description("Entries received by store requests, by what the write did with them")
                .tag("node", nodeId)
                .tag("outcome", outcome)
                .register(registry);
    }

    public Timer batchWrites() {
        return batchWrites;
    }

    /** Called after the write committed. */
    public void recordWrite(long insertedEntries, long updatedEntries, long unchangedEntries, long conflictEntries) {
        logCount.addAndGet(insertedEntries);
        inserted.increment(insertedEntries);
        updated.increment(updatedEntries);
        unchanged.increment(unchangedEntries);
        conflicts.increment(conflictEntries);
    }

    /** Called after a digest correction changed the stored count of entries (normally never). */
    public void adjustLogCount(long delta) {
        logCount.addAndGet(delta);
    }

    public void recordDigestMismatches(long segments) {
        digestMismatches.increment(segments);
    }

    public void recordEntryHashMismatches(long entries) {
        entryHashMismatches.increment(entries);
    }

    public long logCount() {
        return logCount.get();
    }
}
