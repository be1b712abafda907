package com.logprocessor.storage.query;

import com.logprocessor.core.query.LogQuery;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.storage.store.DigestJournal;
import com.logprocessor.storage.store.EntryRows;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads entries for the read and query endpoints. */
@Component
public class EntryReader {

    /** The entries of a source IP that the partial index {@code log_entries_source_ip_ts_idx} holds (V3). */
    static final String SOURCE_IP_NOT_THE_KEY = "source_ip = ? AND source_ip <> partition_key";

    private static final String NEWEST_FIRST = " ORDER BY ts DESC, ts_nanos DESC, partition_key, sequence LIMIT ?";

    /**
     * The time windows, back from the newest entry (or the query's end), that a newest-first query
     * with neither a partition key nor a source IP tries before it reads the whole table: the BRIN
     * time index narrows a window to the block ranges written in it, where ordering every row and
     * keeping the newest took seconds (2.3 s for about 2.5 M entries, past the coordinator's node
     * timeout, so {@code GET /api/logs?limit=10} answered 503).
     */
    static final List<Duration> RECENT_WINDOWS = List.of(Duration.ofSeconds(1), Duration.ofMinutes(1),
            Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(30));

    /** How many of the table's last pages give the anchor of the windows (8 KB each). */
    private static final long TAIL_PAGES = 64;

    private final JdbcTemplate jdbc;
    private final EntryRows rows;

    public EntryReader(JdbcTemplate jdbc, EntryRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    public Optional<LogEntry> find(String partitionKey, long sequence) {
        return jdbc.query("SELECT " + EntryRows.COLUMNS + " FROM log_entries WHERE partition_key = ? AND sequence = ?",
                rows.mapper(), partitionKey, sequence).stream().findFirst();
    }

    /**
     * Only the given filters become predicates, so each query gets the plan its filters call for
     * (the partition's rows by primary key, the BRIN time index, the source-IP index; with
     * {@code afterSequence} the primary key walked in sequence order).
     * Timestamp bounds compare at microsecond precision, the precision of {@code timestamptz}.
     *
     * <p>A source IP without a partition key reads two disjoint halves, each newest first and cut at
     * the limit, then merged: the partition whose key is that IP (where most of its entries are,
     * found by the primary key), and the entries whose key is something else (the partial
     * source-IP index, which leaves out the first half so the hot path inserts into one B-tree
     * less; see migration V3).
     */
    public List<LogEntry> query(LogQuery q) {
        if (q.partitionKey() == null && q.sourceIp() == null && q.afterSequence() == null) {
            return newestInRecentWindows(q);
        }
        return scan(q);
    }

    /**
     * The newest {@code limit} entries of the first window that holds at least that many: they are
     * the newest of the whole range too, since every entry outside the window is older than every
     * entry in it. Windows end where the query does (without {@code to}, nowhere: entries stamped
     * later than the anchor are in every window), so the anchor only decides how fast an answer
     * comes, never which.
     */
    private List<LogEntry> newestInRecentWindows(LogQuery q) {
        Instant anchor = recentTimestamp().filter(t -> q.to() == null || t.isBefore(q.to())).orElse(q.to());
        if (anchor == null) {
            return scan(q); // an empty table
        }
        for (Duration window : RECENT_WINDOWS) {
            Instant start = anchor.minus(window);
            if (q.from() != null && !start.isAfter(q.from())) {
                break; // the window holds the whole range asked for
            }
            List<LogEntry> newest = scan(new LogQuery(null, null, q.minLevel(), start, q.to(), null, q.limit(),
                    q.consistency()));
            if (newest.size() >= q.limit()) {
                return newest;
            }
        }
        return scan(q);
    }

    /**
     * The newest timestamp in the table's last pages, where inserts append (a TID range scan: a
     * few pages, however large the table): close to the newest entry after a pause in ingest too,
     * when the newest entries are no longer near this node's clock.
     */
    private Optional<Instant> recentTimestamp() {
        Long pages = jdbc.queryForObject(
                "SELECT pg_relation_size('log_entries') / current_setting('block_size')::bigint", Long.class);
        String tail = "(" + Math.max(0, (pages == null ? 0 : pages) - TAIL_PAGES) + ",0)";
        Timestamp newest = jdbc.queryForObject("SELECT max(ts) FROM log_entries WHERE ctid >= ?::tid",
                Timestamp.class, tail);
        return Optional.ofNullable(newest).map(Timestamp::toInstant);
    }

    /** The query as asked, one statement (two halves for a source IP alone). */
    List<LogEntry> scan(LogQuery q) {
        List<Object> args = new ArrayList<>();
        String sql;
        if (q.sourceIp() != null && q.partitionKey() == null && q.afterSequence() == null) {
            String keyedByIp = select(q, "partition_key = ? AND source_ip = ?", List.of(q.sourceIp(), q.sourceIp()), args);
            String keyedOtherwise = select(q, SOURCE_IP_NOT_THE_KEY, List.of(q.sourceIp()), args);
            sql = "SELECT * FROM ((" + keyedByIp + ") UNION ALL (" + keyedOtherwise + ")) AS e" + NEWEST_FIRST;
            args.add(q.limit());
        } else if (q.sourceIp() != null) {
            sql = select(q, "source_ip = ?", List.of(q.sourceIp()), args);
        } else {
            sql = select(q, null, List.of(), args);
        }
        return jdbc.query(sql, rows.mapper(), args.toArray());
    }

    /**
     * One SELECT with the query's filters but the source IP, which the caller gives as
     * {@code sourceFilter} (with its {@code sourceArgs}; null for none), since it decides how to split it.
     */
    private static String select(LogQuery q, String sourceFilter, List<Object> sourceArgs, List<Object> args) {
        StringBuilder sql = new StringBuilder("SELECT ").append(EntryRows.COLUMNS).append(" FROM log_entries WHERE true");
        if (sourceFilter != null) {
            sql.append(" AND ").append(sourceFilter);
            args.addAll(sourceArgs);
        }
        if (q.partitionKey() != null) {
            sql.append(" AND partition_key = ?");
            args.add(q.partitionKey());
        }
        if (q.minLevel() != null && q.minLevel() != LogLevel.TRACE) {
            sql.append(" AND level = ANY(?::text[])");
            args.add(Arrays.stream(LogLevel.values())
                    .filter(l -> l.compareTo(q.minLevel()) >= 0)
                    .map(Enum::name)
                    .toArray(String[]::new));
        }
        if (q.from() != null) {
            sql.append(" AND ts >= ?");
            args.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND ts < ?");
            args.add(Timestamp.from(q.to()));
        }
        if (q.afterSequence() != null) {
            sql.append(" AND sequence > ? ORDER BY sequence LIMIT ?");
            args.add(q.afterSequence());
        } else {
            sql.append(NEWEST_FIRST);
        }
        args.add(q.limit());
        return sql.toString();
    }

    /** Entries stored and their digest. */
    public record Totals(long count, long digest) {
    }

    /**
     * Entries stored and their digest, from the segment digests, folded and still journaled (kept in
     * step with every write).
     */
    public Totals totals() {
        return jdbc.queryForObject(DigestJournal.STORED_ENTRIES_AND_DIGEST,
                (rs, i) -> new Totals(rs.getLong(1), rs.getLong(2)));
    }
}
