package com.logprocessor.storage.store;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.core.version.LamportVersion;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a {@link LogEntry} maps to a {@code log_entries} row and back, for every reader and writer:
 * the instant is split into a microsecond {@code timestamptz} and the sub-microsecond remainder, so
 * an entry reads back exactly as written (its content hash included).
 */
@Component
public class EntryRows {

    /** Columns every reader selects, in the order {@link #mapper()} expects. */
    public static final String COLUMNS = "partition_key, sequence, id, ts, ts_nanos, level, source_ip, service,"
            + " message, attributes::text AS attributes, version_counter, version_writer, content_hash";

    private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
    };
    private static final String EMPTY_ATTRIBUTES = "{}";

    private final JsonMapper json;
    private final RowMapper<LogEntry> mapper = this::map;

    public EntryRows(JsonMapper json) {
        this.json = json;
    }

    public RowMapper<LogEntry> mapper() {
        return mapper;
    }

    /** The stored content hash of a row read with {@link #COLUMNS}. */
    public static long contentHash(ResultSet rs) throws SQLException {
        return rs.getLong("content_hash");
    }

    LogEntry map(ResultSet rs, int row) throws SQLException {
        Instant ts = rs.getObject("ts", OffsetDateTime.class).toInstant().plusNanos(rs.getShort("ts_nanos"));
        String attributes = rs.getString("attributes");
        return new LogEntry(
                rs.getObject("id", java.util.UUID.class),
                rs.getString("partition_key"),
                rs.getLong("sequence"),
                ts,
                LogLevel.valueOf(rs.getString("level")),
                rs.getString("source_ip"),
                rs.getString("service"),
                rs.getString("message"),
                EMPTY_ATTRIBUTES.equals(attributes) ? Map.of() : json.readValue(attributes, ATTRIBUTES),
                new LamportVersion(rs.getLong("version_counter"), rs.getString("version_writer")));
    }

    /** The microsecond part as ISO-8601 text (truncated, never rounded: the remainder is kept apart). */
    static String micros(Instant ts) {
        return ts.truncatedTo(ChronoUnit.MICROS).toString();
    }

    static short subMicroNanos(Instant ts) {
        return (short) (ts.getNano() % 1000);
    }

    String attributesJson(Map<String, String> attributes) {
        return attributes.isEmpty() ? EMPTY_ATTRIBUTES : json.writeValueAsString(attributes);
    }
}
