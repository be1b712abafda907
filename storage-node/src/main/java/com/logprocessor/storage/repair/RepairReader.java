package com.logprocessor.storage.repair;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.core.merkle.Segments;
import com.logprocessor.storage.store.EntryRows;
import com.logprocessor.support.storage.StorageApi.PartitionDigests;
import com.logprocessor.support.storage.StorageApi.PartitionPage;
import com.logprocessor.support.storage.StorageApi.PartitionSummary;
import com.logprocessor.support.storage.StorageApi.SegmentEntries;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads for anti-entropy and the coordinator: partition listing, digests, segment ranges. */
@Component
public class RepairReader {

    /**
     * Partitions come from the digests (one row per segment, about 1/segment.size of the entries),
     * so no separate partitions table has to be maintained on the write path; the max sequence is
     * one backward probe of the primary key per listed partition. The hash is the partition digest
     * (core {@code PartitionDigest}: XOR of the segment hashes), so anti-entropy compares replicas
     * partition by partition from one listing per node.
     */
    private static final String PARTITIONS = """
            SELECT d.partition_key, sum(d.entry_count) AS entry_count, bit_xor(d.hash) AS hash,
                   (SELECT max(e.sequence) FROM log_entries e WHERE e.partition_key = d.partition_key) AS max_sequence
            FROM current_segment_digests d
            WHERE d.partition_key > ?
            GROUP BY d.partition_key
            ORDER BY d.partition_key
            LIMIT ?""";

    private final JdbcTemplate jdbc;
    private final EntryRows rows;
    private final Segments segments;
    private final TransactionTemplate snapshot;

    public RepairReader(JdbcTemplate jdbc, EntryRows rows, Segments segments, PlatformTransactionManager txManager) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.segments = segments;
        this.snapshot = new TransactionTemplate(txManager);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    public PartitionPage partitions(String after, int limit) {
        List<PartitionSummary> page = jdbc.query(PARTITIONS,
                (rs, i) -> new PartitionSummary(rs.getString(1), rs.getLong(4), rs.getLong(2), rs.getLong(3)),
                after == null ? "" : after, limit);
        String next = page.size() == limit ? page.get(page.size() - 1).partitionKey() : null;
        return new PartitionPage(page, next);
    }

    public PartitionDigests digests(String partitionKey) {
        return new PartitionDigests(partitionKey, segments.size(), digestsOf(partitionKey));
    }

    List<SegmentDigest> digestsOf(String partitionKey) {
        return jdbc.query("SELECT segment, hash, entry_count FROM current_segment_digests WHERE partition_key = ? ORDER BY segment",
                (rs, i) -> new SegmentDigest(rs.getLong(1), rs.getLong(2), rs.getLong(3)), partitionKey);
    }

    public SegmentEntries segment(String partitionKey, long segment) {
        long first = segments.firstSequence(segment);
        long last = segments.lastSequence(segment);
        return snapshot.execute(status -> {
            SegmentDigest digest = jdbc.query(
                    "SELECT hash, entry_count FROM current_segment_digests WHERE partition_key = ? AND segment = ?",
                    (rs, i) -> new SegmentDigest(segment, rs.getLong(1), rs.getLong(2)), partitionKey, segment)
                    .stream().findFirst().orElse(SegmentDigest.empty(segment));
            List<LogEntry> entries = jdbc.query("SELECT " + EntryRows.COLUMNS
                    + " FROM log_entries WHERE partition_key = ? AND sequence BETWEEN ? AND ? ORDER BY sequence",
                    rows.mapper(), partitionKey, first, last);
            return new SegmentEntries(partitionKey, segment, segments.size(), first, last, digest, entries);
        });
    }
}
