package com.logprocessor.storage.query;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.storage.store.EntryRows;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads entries for the read and query endpoints. */
@Component
public class EntryReader {

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
     * (the (source_ip, ts) index, the ts index walked newest first, or the partition's rows; with
     * {@code afterSequence} the primary key walked in sequence order).
     * Timestamp bounds compare at microsecond precision, the precision of {@code timestamptz}.
     */
    public List<LogEntry> query(EntryQuery q) {
        StringBuilder sql = new StringBuilder("SELECT ").append(EntryRows.COLUMNS).append(" FROM log_entries WHERE true");
        List<Object> args = new ArrayList<>();
        if (q.sourceIp() != null) {
            sql.append(" AND source_ip = ?");
            args.add(q.sourceIp());
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
            sql.append(" ORDER BY ts DESC, ts_nanos DESC, partition_key, sequence LIMIT ?");
        }
        args.add(q.limit());
        return jdbc.query(sql.toString(), rows.mapper(), args.toArray());
    }

    /** Entries stored: the sum of the segment digests' counts (one row per segment, kept in step with every write). */
    public long count() {
        Long count = jdbc.queryForObject("SELECT coalesce(sum(entry_count), 0) FROM segment_digests", Long.class);
        return count == null ? 0 : count;
    }
}
