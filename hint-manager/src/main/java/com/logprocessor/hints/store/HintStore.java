package com.logprocessor.hints.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code hints} table. Rows are keyed by (target node, entry id); {@code id} is arrival order,
 * which is replay order. Methods that lock ({@link #claimDue}) must run inside a transaction that
 * also settles the claimed rows ({@link #delete} or {@link #recordFailure}).
 */
@Repository
public class HintStore {

    /**
     * One statement for a whole Kafka batch. A row already stored for the same node and entry is
     * replaced only by a strictly newer Lamport version (counter, then writer id byte-wise, as
     * {@code LamportVersion} orders them): a coordinator that replays a batch re-sends its hints
     * with a newer version, and a late duplicate must not roll a row back. The replaced row keeps
     * its place in the replay order and starts its attempts afresh. {@code xmax = 0} tells an
     * inserted row from an updated one.
     */
    static final String UPSERT = """
            INSERT INTO hints AS h (target_node, entry_id, partition_key, sequence, version_counter, version_writer,
                                    entry, created_at, expires_at, attempts, next_attempt_at)
            SELECT u.target_node, u.entry_id::uuid, u.partition_key, u.sequence, u.version_counter, u.version_writer,
                   u.entry, to_timestamp(u.created_ms / 1000.0),
                   to_timestamp(u.created_ms / 1000.0) + ? * interval '1 millisecond', 0, now()
            FROM unnest(?::text[], ?::text[], ?::text[], ?::int8[], ?::int8[], ?::text[], ?::bytea[], ?::int8[])
                 WITH ORDINALITY AS u(target_node, entry_id, partition_key, sequence, version_counter, version_writer,
                                      entry, created_ms, n)
            ORDER BY u.n
            ON CONFLICT (target_node, entry_id) DO UPDATE SET
                partition_key = excluded.partition_key, sequence = excluded.sequence,
                version_counter = excluded.version_counter, version_writer = excluded.version_writer,
                entry = excluded.entry, created_at = excluded.created_at, expires_at = excluded.expires_at,
                attempts = 0, next_attempt_at = excluded.next_attempt_at
            WHERE (excluded.version_counter, excluded.version_writer COLLATE "C")
                > (h.version_counter, h.version_writer COLLATE "C")
            RETURNING h.target_node, (h.xmax = 0) AS inserted
            """;

    /**
     * A node's due hints, oldest first, locked for this transaction. SKIP LOCKED lets several
     * replayers (threads or hint-manager instances) work on one node without ever sending the
     * same hint twice at once: each takes the next batch no one holds.
     */
    static final String CLAIM = """
            SELECT id, entry_id, attempts, entry FROM hints
            WHERE target_node = ? AND next_attempt_at <= now() AND expires_at > now()
            ORDER BY id
            LIMIT ?
            FOR UPDATE SKIP LOCKED
            """;

    static final String DELETE = "DELETE FROM hints WHERE id = ANY(?::int8[])";

    /**
     * A failed attempt, in one statement: hints whose attempt was their last are deleted, the
     * others wait {@code first * 2^(attempts-1)}, capped (the same rule as
     * {@code HintProperties.Replay#backoffAfter}), from now: {@code clock_timestamp()}, not the
     * transaction's start, which was before the request that failed. Both parts see the same
     * snapshot and take disjoint rows.
     */
    static final String FAIL = """
            WITH exhausted AS (
                DELETE FROM hints WHERE id = ANY(?::int8[]) AND attempts + 1 >= ? RETURNING id
            ), rescheduled AS (
                UPDATE hints SET attempts = attempts + 1,
                       next_attempt_at = clock_timestamp()
                           + least(? * power(2, least(attempts, 40)), ?) * interval '1 millisecond'
                WHERE id = ANY(?::int8[]) AND attempts + 1 < ?
                RETURNING attempts
            )
            SELECT (SELECT count(*) FROM exhausted) AS exhausted,
                   (SELECT count(*) FROM rescheduled) AS rescheduled,
                   (SELECT coalesce(min(attempts), 0) FROM rescheduled) AS fewest
            """;

    /** Expired hints, a bounded chunk at a time; rows a replayer holds are left for the next sweep. */
    static final String DELETE_EXPIRED = """
            WITH gone AS (
                DELETE FROM hints WHERE id IN (
                    SELECT id FROM hints WHERE expires_at <= now() ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING target_node
            )
            SELECT target_node, count(*) FROM gone GROUP BY target_node
            """;

    static final String PENDING = """
            SELECT target_node, count(*) AS pending,
                   greatest(0, extract(epoch FROM now() - min(created_at)))::float8 AS oldest_age
            FROM hints
            WHERE expires_at > now()
            GROUP BY target_node
            ORDER BY target_node
            """;

    private final JdbcTemplate jdbc;

    public HintStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What {@link #upsert} did: rows inserted per node, and rows replaced by a newer version. */
    public record Upserted(Map<String, Integer> insertedByNode, int replaced) {
    }

    /**
     * Stores the hints (at most one per node and entry id) in one statement.
     *
     * @param expiry a hint expires this long after its creation
     */
    public Upserted upsert(List<NewHint> hints, Duration expiry) {
        if (hints.isEmpty()) {
            return new Upserted(Map.of(), 0);
        }
        int n = hints.size();
        String[] targets = new String[n];
        String[] ids = new String[n];
        String[] keys = new String[n];
        Long[] sequences = new Long[n];
        Long[] counters = new Long[n];
        String[] writers = new String[n];
        byte[][] entries = new byte[n][];
        Long[] created = new Long[n];
        for (int i = 0; i < n; i++) {
            NewHint h = hints.get(i);
            targets[i] = h.targetNode();
            ids[i] = h.entryId().toString();
            keys[i] = h.partitionKey();
            sequences[i] = h.sequence();
            counters[i] = h.versionCounter();
            writers[i] = h.versionWriter();
            entries[i] = h.entry();
            created[i] = h.createdAtMillis();
        }
        // Boxed arrays: JDBC's createArrayOf takes Object[] (the driver sends them as binary int8[]).
        return jdbc.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                ps.setLong(1, expiry.toMillis());
                ps.setArray(2, c.createArrayOf("text", targets));
                ps.setArray(3, c.createArrayOf("text", ids));
                ps.setArray(4, c.createArrayOf("text", keys));
                ps.setArray(5, c.createArrayOf("int8", sequences));
                ps.setArray(6, c.createArrayOf("int8", counters));
                ps.setArray(7, c.createArrayOf("text", writers));
                ps.setArray(8, c.createArrayOf("bytea", entries));
                ps.setArray(9, c.createArrayOf("int8", created));
                Map<String, Integer> inserted = new TreeMap<>();
                int replaced = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getBoolean(2)) {
                            inserted.merge(rs.getString(1), 1, Integer::sum);
                        } else {
                            replaced++;
                        }
                    }
                }
                return new Upserted(inserted, replaced);
            }
        });
    }

    /** Locks and returns up to {@code limit} due, unexpired hints of {@code node}, oldest first. */
    public List<ClaimedHint> claimDue(String node, int limit) {
        return jdbc.query(CLAIM, (rs, i) -> new ClaimedHint(rs.getLong(1), rs.getObject(2, UUID.class),
                rs.getInt(3), rs.getBytes(4)), node, limit);
    }

    /** Deletes the given hints (delivered, or refused for good), in one statement. */
    public int delete(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        Long[] array = ids.toArray(Long[]::new);
        return jdbc.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement(DELETE)) {
                ps.setArray(1, c.createArrayOf("int8", array));
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Records a failed attempt of the given hints: the ones that reached {@code maxAttempts} are
     * deleted, the others back off from {@code firstBackoff}, doubling, up to {@code maxBackoff}.
     */
    public FailedAttempt recordFailure(Collection<Long> ids, int maxAttempts, Duration firstBackoff,
                                       Duration maxBackoff) {
        if (ids.isEmpty()) {
            return new FailedAttempt(0, 0, 0);
        }
        Long[] array = ids.toArray(Long[]::new);
        return jdbc.execute((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement(FAIL)) {
                Array idArray = c.createArrayOf("int8", array);
                ps.setArray(1, idArray);
                ps.setInt(2, maxAttempts);
                ps.setLong(3, firstBackoff.toMillis());
                ps.setLong(4, maxBackoff.toMillis());
                ps.setArray(5, idArray);
                ps.setInt(6, maxAttempts);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new FailedAttempt(rs.getInt(1), rs.getInt(2), rs.getInt(3));
                }
            }
        });
    }

    /** Deletes up to {@code limit} expired hints; returns how many per node. */
    public Map<String, Long> deleteExpired(int limit) {
        Map<String, Long> out = new TreeMap<>();
        jdbc.query(DELETE_EXPIRED, (ResultSet rs) -> {
            out.put(rs.getString(1), rs.getLong(2));
        }, limit);
        return out;
    }

    /** Unexpired hints per target node (nodes without any are absent), with their oldest's age. */
    public List<PendingNode> pending() {
        List<PendingNode> out = new ArrayList<>();
        jdbc.query(PENDING, (ResultSet rs) -> {
            out.add(new PendingNode(rs.getString(1), rs.getLong(2), rs.getDouble(3)));
        });
        return out;
    }
}
