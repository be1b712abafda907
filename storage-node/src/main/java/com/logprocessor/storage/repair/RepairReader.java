package com.logprocessor.storage.repair;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.core.merkle.Segments;
import com.logprocessor.storage.store.EntryRows;
import com.logprocessor.support.storage.StorageApi.DigestsList;
import com.logprocessor.support.storage.StorageApi.PartitionDigests;
import com.logprocessor.support.storage.StorageApi.PartitionPage;
import com.logprocessor.support.storage.StorageApi.PartitionSummary;
import com.logprocessor.support.storage.StorageApi.SegmentEntries;
import com.logprocessor.support.storage.StorageApi.SequenceRange;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     * so no separate partitions table has to be maintained on the write path. The hash is the
     * partition digest (core {@code PartitionDigest}: XOR of the segment hashes), so anti-entropy
     * compares replicas partition by partition from one listing per node. A page aggregates only
     * the digest rows up to {@link #PAGE_BOUND} (the key of the limit-th row after the cursor, by
     * the primary key), not every row after the cursor; the max sequence, one backward probe of the
     * entries' primary key per partition and most of a page's cost, only when asked for.
     */
    private static final String PAGE_BOUND = """
            SELECT partition_key FROM segment_digests WHERE partition_key > ?
            ORDER BY partition_key, segment OFFSET ? LIMIT 1""";

    /**
     * The folded digests and the journal's changes (as view {@code current_segment_digests} adds
     * them up), aggregated once per partition rather than per segment and then per partition: XOR
     * and + are associative, and one aggregation made a page about a third cheaper.
     */
    private static final String PARTITIONS = """
            SELECT d.partition_key, sum(d.entry_count)::bigint AS entry_count, bit_xor(d.hash) AS hash,
                   max(d.segment) AS last_segment%1$s
            FROM (SELECT partition_key, segment, hash, entry_count FROM segment_digests
                  WHERE partition_key > ?%2$s
                  UNION ALL
                  SELECT u.partition_key, u.segment, u.hash, u.entry_count
                  FROM segment_digest_journal j,
                       unnest(j.partition_keys, j.segments, j.hashes, j.counts) AS u(partition_key, segment, hash, entry_count)
                  WHERE u.partition_key > ?%3$s) d
            GROUP BY d.partition_key
            ORDER BY d.partition_key
            LIMIT ?""";

    private static final String MAX_SEQUENCE =
            ", (SELECT max(e.sequence) FROM log_entries e WHERE e.partition_key = d.partition_key) AS max_sequence";

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

    /**
     * Up to {@code limit} partitions after {@code after}; {@code next} is null only on the last
     * page (a page may hold fewer than {@code limit} partitions and still not be the last).
     */
    public PartitionPage partitions(String after, int limit, boolean withMaxSequence) {
        String from = after == null ? "" : after;
        String bound = jdbc.query(PAGE_BOUND, rs -> rs.next() ? rs.getString(1) : null, from, limit - 1);
        String sql = PARTITIONS.formatted(withMaxSequence ? MAX_SEQUENCE : "",
                bound == null ? "" : " AND partition_key <= ?", bound == null ? "" : " AND u.partition_key <= ?");
        Object[] args = bound == null ? new Object[] {from, from, limit}
                : new Object[] {from, bound, from, bound, limit};
        List<PartitionSummary> page = jdbc.query(sql, (rs, i) -> new PartitionSummary(rs.getString(1),
                withMaxSequence ? rs.getLong(5) : null, rs.getLong(2), rs.getLong(3), rs.getLong(4)), args);
        boolean last = bound == null && page.size() < limit;
        return new PartitionPage(page, last || page.isEmpty() ? null : page.get(page.size() - 1).partitionKey());
    }

    public PartitionDigests digests(String partitionKey) {
        return new PartitionDigests(partitionKey, segments.size(), digestsOf(partitionKey));
    }

    List<SegmentDigest> digestsOf(String partitionKey) {
        return jdbc.query("SELECT segment, hash, entry_count FROM current_segment_digests WHERE partition_key = ? ORDER BY segment",
                (rs, i) -> new SegmentDigest(rs.getLong(1), rs.getLong(2), rs.getLong(3)), partitionKey);
    }

    /**
     * The digests of several partitions over segments of {@code segmentSize}, from the entries'
     * stored content hashes in one statement (one snapshot). Unlike the stored digests these exist
     * at any segment size, so anti-entropy can narrow a difference down to a few sequences; a
     * content hash that is wrong for its row is the periodic verification's to catch, as for the
     * stored digests.
     */
    public DigestsList digestsOf(List<String> partitionKeys, int segmentSize) {
        Map<String, List<SegmentDigest>> byKey = new LinkedHashMap<>();
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    SELECT partition_key, (sequence - 1) / ? AS segment, bit_xor(content_hash), count(*)
                    FROM log_entries WHERE partition_key = ANY (?)
                    GROUP BY partition_key, segment ORDER BY partition_key, segment""");
            ps.setLong(1, segmentSize);
            ps.setArray(2, con.createArrayOf("text", partitionKeys.toArray()));
            return ps;
        }, rs -> {
            byKey.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                    .add(new SegmentDigest(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
        });
        List<PartitionDigests> partitions = new ArrayList<>(byKey.size());
        byKey.forEach((key, digests) -> partitions.add(new PartitionDigests(key, segmentSize, digests)));
        return new DigestsList(segmentSize, segments.size(), partitions);
    }

    /** The entries of several sequence ranges, in one statement (one snapshot), in no particular order. */
    public List<LogEntry> entries(List<SequenceRange> ranges) {
        String[] keys = new String[ranges.size()];
        Long[] firsts = new Long[ranges.size()];
        Long[] lasts = new Long[ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            keys[i] = ranges.get(i).partitionKey();
            firsts[i] = ranges.get(i).firstSequence();
            lasts[i] = ranges.get(i).lastSequence();
        }
        return jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement("SELECT " + EntryRows.COLUMNS
                    + " FROM log_entries JOIN unnest(?, ?, ?) AS r(k, f, l)"
                    + " ON partition_key = r.k AND sequence BETWEEN r.f AND r.l");
            Array k = con.createArrayOf("text", keys);
            ps.setArray(1, k);
            ps.setArray(2, con.createArrayOf("bigint", firsts));
            ps.setArray(3, con.createArrayOf("bigint", lasts));
            return ps;
        }, rows.mapper());
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
