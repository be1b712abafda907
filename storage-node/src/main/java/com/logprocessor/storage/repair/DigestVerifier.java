package com.logprocessor.storage.repair;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.merkle.EntryHash;
import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.core.merkle.Segments;
import com.logprocessor.storage.metrics.StorageMetrics;
import com.logprocessor.storage.repair.VerificationReport.Mismatch;
import com.logprocessor.storage.store.DigestJournal;
import com.logprocessor.storage.store.EntryRows;
import com.logprocessor.storage.store.PartitionLocks;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The design's "periodic full recomputation verifies the stored digests": re-hashes every stored
 * entry with {@link EntryHash} (so a wrong stored content hash is caught too), rebuilds each
 * segment digest with {@link SegmentDigest#add} and compares it with the stored one.
 *
 * <p>Each partition is read in one REPEATABLE READ snapshot: entries and digests change in the
 * same transactions, so a snapshot sees them consistent and detection needs no lock and never
 * blocks writes. Only a partition with a mismatch is corrected, under the writers' partition lock,
 * recomputing just the mismatched segments from the entries as they are then.
 */
@Service
public class DigestVerifier {

    static final int MAX_REPORTED = 100;

    private static final Logger log = LoggerFactory.getLogger(DigestVerifier.class);

    private static final String NEXT_PARTITION = """
            SELECT min(k) FROM (
              (SELECT partition_key AS k FROM log_entries WHERE partition_key > ? ORDER BY partition_key LIMIT 1)
              UNION ALL
              (SELECT partition_key FROM segment_digests WHERE partition_key > ? ORDER BY partition_key LIMIT 1)
              UNION ALL
              (SELECT min(u.k) FROM segment_digest_journal j, unnest(j.partition_keys) AS u(k) WHERE u.k > ?)
            ) AS candidates""";

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final EntryRows rows;
    private final Segments segments;
    private final StorageMetrics metrics;
    private final DigestJournal journal;
    private final TransactionTemplate snapshot;
    private final TransactionTemplate write;
    private final ReentrantLock running = new ReentrantLock();

    public DigestVerifier(DataSource dataSource, JdbcTemplate jdbc, EntryRows rows, Segments segments,
            StorageMetrics metrics, DigestJournal journal, PlatformTransactionManager txManager) {
        this.jdbc = jdbc;
        // Streams a partition's rows in chunks (a cursor: PostgreSQL's driver honours the fetch size
        // inside a transaction) instead of materialising a large partition in memory.
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(1000);
        this.rows = rows;
        this.segments = segments;
        this.metrics = metrics;
        this.journal = journal;
        this.snapshot = new TransactionTemplate(txManager);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        this.write = new TransactionTemplate(txManager);
    }

    /**
     * Verifies one partition, or all when {@code partitionKey} is null; rewrites mismatching digests
     * when {@code correct}. One verification runs at a time.
     *
     * @throws VerificationRunningException when another verification is running
     */
    public VerificationReport verify(String partitionKey, boolean correct) {
        return verify(partitionKey, correct, key -> {
        });
    }

    /**
     * As {@link #verify(String, boolean)}, telling {@code corrected} each partition whose digests
     * it rewrote: that partition's replicas are worth comparing again, since anti-entropy could not
     * see the difference through the wrong digests.
     */
    public VerificationReport verify(String partitionKey, boolean correct, Consumer<String> corrected) {
        if (!running.tryLock()) {
            throw new VerificationRunningException();
        }
        try {
            return run(partitionKey, correct, corrected);
        } finally {
            running.unlock();
        }
    }

    private VerificationReport run(String only, boolean correct, Consumer<String> corrected) {
        Instant started = Instant.now();
        Totals totals = new Totals();
        if (only != null) {
            verifyPartition(only, correct, totals, corrected);
        } else {
            String after = "";
            String key;
            while ((key = jdbc.queryForObject(NEXT_PARTITION, String.class, after, after, after)) != null) {
                verifyPartition(key, correct, totals, corrected);
                after = key;
            }
        }
        metrics.recordDigestMismatches(totals.mismatchedSegments);
        metrics.recordEntryHashMismatches(totals.entryHashMismatches);
        VerificationReport report = new VerificationReport(started, Instant.now(), only, correct, totals.partitions,
                totals.segments, totals.entries, totals.mismatchedSegments, totals.entryHashMismatches,
                totals.correctedSegments, List.copyOf(totals.reported));
        if (report.mismatchedSegments() > 0 || report.entryHashMismatches() > 0) {
            log.warn("Digest verification found {} mismatched segments and {} wrong entry hashes in {} partitions;"
                    + " corrected {} segments", report.mismatchedSegments(), report.entryHashMismatches(),
                    report.partitions(), report.correctedSegments());
        } else {
            log.info("Digest verification: {} partitions, {} segments, {} entries, all digests match",
                    report.partitions(), report.segments(), report.entries());
        }
        return report;
    }

    private static final class Totals {
        long partitions;
        long segments;
        long entries;
        long mismatchedSegments;
        long entryHashMismatches;
        long correctedSegments;
        final List<Mismatch> reported = new ArrayList<>();
    }

    /** A partition as one snapshot saw it: digests recomputed from its entries, stored digests. */
    private record Scan(Map<Long, SegmentDigest> computed, Map<Long, SegmentDigest> stored, long entries,
            TreeSet<Long> segmentsWithWrongEntryHashes, long wrongEntryHashes) {
    }

    private void verifyPartition(String partitionKey, boolean correct, Totals totals, Consumer<String> corrected) {
        Scan scan = snapshot.execute(status -> scan(partitionKey));
        TreeSet<Long> all = new TreeSet<>(scan.computed().keySet());
        all.addAll(scan.stored().keySet());
        TreeSet<Long> toFix = new TreeSet<>(scan.segmentsWithWrongEntryHashes());
        for (long segment : all) {
            SegmentDigest computed = scan.computed().get(segment);
            SegmentDigest stored = scan.stored().get(segment);
            if (!Objects.equals(computed, stored)) {
                toFix.add(segment);
                totals.mismatchedSegments++;
                if (totals.reported.size() < MAX_REPORTED) {
                    totals.reported.add(new Mismatch(partitionKey, segment, stored, computed));
                }
            }
        }
        totals.partitions++;
        totals.segments += all.size();
        totals.entries += scan.entries();
        totals.entryHashMismatches += scan.wrongEntryHashes();
        if (correct && !toFix.isEmpty()) {
            int changed = correct(partitionKey, toFix);
            totals.correctedSegments += changed;
            if (changed > 0) {
                corrected.accept(partitionKey);
            }
        }
    }

    private Scan scan(String partitionKey) {
        Map<Long, SegmentDigest> stored = new TreeMap<>();
        jdbc.query("SELECT segment, hash, entry_count FROM current_segment_digests WHERE partition_key = ?",
                rs -> {
                    stored.put(rs.getLong(1), new SegmentDigest(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
                }, partitionKey);
        Map<Long, SegmentDigest> computed = new TreeMap<>();
        TreeSet<Long> wrongHashSegments = new TreeSet<>();
        long[] counts = new long[2];
        streaming.query(con -> {
            PreparedStatement ps = con.prepareStatement("SELECT " + EntryRows.COLUMNS
                    + " FROM log_entries WHERE partition_key = ? ORDER BY sequence");
            ps.setString(1, partitionKey);
            return ps;
        }, rs -> {
            LogEntry entry = rows.mapper().mapRow(rs, 0);
            long hash = EntryHash.of(entry);
            long segment = segments.segmentOf(entry.sequence());
            computed.merge(segment, SegmentDigest.empty(segment).add(hash), SegmentDigest::merge);
            counts[0]++;
            if (hash != EntryRows.contentHash(rs)) {
                counts[1]++;
                wrongHashSegments.add(segment);
            }
        });
        return new Scan(computed, stored, counts[0], wrongHashSegments, counts[1]);
    }

    /**
     * Rewrites the given segments' digests (and any wrong entry content hash in them) from the
     * entries, under the partition's write lock so no write interleaves. Returns how many segment
     * digests changed.
     */
    private int correct(String partitionKey, TreeSet<Long> toFix) {
        return write.execute(status -> jdbc.execute((ConnectionCallback<Integer>) con -> {
            PartitionLocks.lockExclusive(con, List.of(partitionKey));
            // No write of the partition can commit now; fold what the last ones journaled, so the
            // stored digests below are complete and a later fold cannot add a change twice.
            journal.fold();
            int changed = 0;
            long countDelta = 0;
            for (long segment : toFix) {
                SegmentDigest computed = SegmentDigest.empty(segment);
                List<Object[]> wrongHashes = new ArrayList<>();
                for (Map.Entry<LogEntry, Long> e : entriesOf(partitionKey, segment)) {
                    long hash = EntryHash.of(e.getKey());
                    computed = computed.add(hash);
                    if (hash != e.getValue()) {
                        wrongHashes.add(new Object[] {hash, partitionKey, e.getKey().sequence()});
                    }
                }
                if (!wrongHashes.isEmpty()) {
                    jdbc.batchUpdate("UPDATE log_entries SET content_hash = ? WHERE partition_key = ? AND sequence = ?",
                            wrongHashes);
                }
                SegmentDigest stored = jdbc.query(
                        "SELECT hash, entry_count FROM segment_digests WHERE partition_key = ? AND segment = ?",
                        (rs, i) -> new SegmentDigest(segment, rs.getLong(1), rs.getLong(2)), partitionKey, segment)
                        .stream().findFirst().orElse(null);
                if (computed.equals(stored) || (stored == null && !computed.hasEntries())) {
                    continue;
                }
                if (computed.hasEntries()) {
                    jdbc.update("""
                            INSERT INTO segment_digests (partition_key, segment, hash, entry_count) VALUES (?, ?, ?, ?)
                            ON CONFLICT (partition_key, segment) DO UPDATE
                            SET hash = EXCLUDED.hash, entry_count = EXCLUDED.entry_count""",
                            partitionKey, segment, computed.hash(), computed.count());
                } else {
                    jdbc.update("DELETE FROM segment_digests WHERE partition_key = ? AND segment = ?",
                            partitionKey, segment);
                }
                countDelta += computed.count() - (stored == null ? 0 : stored.count());
                changed++;
                log.warn("Corrected digest of partition '{}' segment {}: stored {}, recomputed {}", partitionKey,
                        segment, stored, computed);
            }
            long delta = countDelta;
            if (delta != 0) {
                // The entry count gauge was seeded from the digests' counts at start-up: a count that
                // was wrong then is wrong in the gauge too.
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        metrics.adjustLogCount(delta);
                    }
                });
            }
            return changed;
        }));
    }

    private List<Map.Entry<LogEntry, Long>> entriesOf(String partitionKey, long segment) {
        return jdbc.query("SELECT " + EntryRows.COLUMNS
                        + " FROM log_entries WHERE partition_key = ? AND sequence BETWEEN ? AND ? ORDER BY sequence",
                (rs, i) -> Map.entry(rows.mapper().mapRow(rs, i), EntryRows.contentHash(rs)),
                partitionKey, segments.firstSequence(segment), segments.lastSequence(segment));
    }
}
