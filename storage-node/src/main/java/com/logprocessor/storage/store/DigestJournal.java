package com.logprocessor.storage.store;

import com.logprocessor.storage.membership.StorageNodeProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The segment digests' write-ahead journal (migration V4). A write appends one row with its
 * digest changes ({@link #append}); every {@code storage.digests.journal.fold-interval} the
 * journal is folded into {@code segment_digests}: one statement deletes the journal rows it sees,
 * adds up their changes per segment and applies them, so a reader (which adds the journal to the
 * folded digests in its own snapshot, view {@code current_segment_digests}) never sees a change
 * twice or not at all. Changes are XOR and +, which commute, so folds may take journal rows in any
 * order; two folds at once do not both apply a row, as the second waits for the first's delete.
 */
@Component
public class DigestJournal implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(DigestJournal.class);

    /**
     * Entries stored and their digest (the XOR of every segment hash, folded and journaled, so the
     * XOR of every entry's content hash), in one snapshot.
     */
    public static final String STORED_ENTRIES_AND_DIGEST = """
            SELECT d.n + j.n, d.h # j.h
            FROM (SELECT coalesce(sum(entry_count), 0) AS n, coalesce(bit_xor(hash), 0) AS h FROM segment_digests) d,
                 (SELECT coalesce(sum(u.c), 0) AS n, coalesce(bit_xor(u.h), 0) AS h
                  FROM segment_digest_journal j, unnest(j.counts, j.hashes) AS u(c, h)) j""";

    /** Appends one row: four parallel arrays (partition keys, segments, hashes, counts). */
    static final String APPEND = """
            INSERT INTO segment_digest_journal (partition_keys, segments, hashes, counts)
            VALUES (?::text[], ?::bigint[], ?::bigint[], ?::bigint[])""";

    // Digest rows are updated in key order, so concurrent folds (or a fold and the verifier's
    // correction) lock common rows in the same order and cannot deadlock.
    private static final String FOLD = """
            WITH taken AS (
              DELETE FROM segment_digest_journal RETURNING partition_keys, segments, hashes, counts
            ), changes AS (
              SELECT u.partition_key, u.segment, bit_xor(u.hash) AS hash, sum(u.entry_count)::bigint AS entry_count
              FROM taken, unnest(taken.partition_keys, taken.segments, taken.hashes, taken.counts)
                            AS u(partition_key, segment, hash, entry_count)
              GROUP BY u.partition_key, u.segment
              ORDER BY u.partition_key, u.segment
            )
            INSERT INTO segment_digests AS d (partition_key, segment, hash, entry_count)
            SELECT partition_key, segment, hash, entry_count FROM changes
            ON CONFLICT (partition_key, segment) DO UPDATE
            SET hash = d.hash # EXCLUDED.hash, entry_count = d.entry_count + EXCLUDED.entry_count""";

    private final JdbcTemplate jdbc;
    private final DigestJournalProperties properties;
    private final Counter folded;

    public DigestJournal(JdbcTemplate jdbc, DigestJournalProperties properties, StorageNodeProperties node,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.folded = Counter.builder("storage.node.digest.folds")
                .description("Segment digest rows updated by folding the digest journal")
                .tag("node", node.id())
                .register(meters);
    }

    /** Appends one write's digest changes (parallel arrays, one element per touched segment) in the caller's transaction. */
    void append(Connection con, String[] partitionKeys, long[] segments, long[] hashes, long[] counts)
            throws SQLException {
        if (partitionKeys.length == 0) {
            return;
        }
        try (PreparedStatement ps = con.prepareStatement(APPEND)) {
            ps.setObject(1, partitionKeys);
            ps.setObject(2, segments);
            ps.setObject(3, hashes);
            ps.setObject(4, counts);
            ps.executeUpdate();
        }
    }

    /**
     * Folds the journal into the segment digests, in the caller's transaction if there is one.
     * Returns the number of digest rows changed.
     */
    public int fold() {
        int changed = jdbc.update(FOLD);
        folded.increment(changed);
        return changed;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::foldQuietly, properties.foldInterval(),
                properties.foldInterval()));
    }

    private void foldQuietly() {
        try {
            fold();
        } catch (RuntimeException e) {
            // Nothing is lost: the journal keeps the changes and readers still add them up.
            log.warn("Folding the digest journal failed; will retry: {}", e.toString());
        }
    }
}
