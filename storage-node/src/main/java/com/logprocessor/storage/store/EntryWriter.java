package com.logprocessor.storage.store;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.merkle.EntryHash;
import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.core.merkle.Segments;
import com.logprocessor.core.version.LamportVersion;
import com.logprocessor.storage.membership.StorageNodeProperties;
import com.logprocessor.storage.store.DigestDeltas.SegmentKey;
import com.logprocessor.storage.store.IncomingBatch.Candidate;
import com.logprocessor.support.storage.StorageApi.Conflict;
import com.logprocessor.support.storage.StorageApi.StoreResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The write path's JDBC adapter: applies a batch in one transaction with a fixed number of
 * set-based statements whatever the batch size (a binary {@code COPY} for a large batch on the hot
 * path; arrays bound once and expanded with {@code unnest} otherwise), never a statement per entry.
 *
 * <p>Digests stay exact because of three rules:
 * <ul>
 *   <li>A new key is created only by an insert ({@code COPY} or {@code INSERT}); the primary key
 *       lets exactly one writer create it, and that writer XORs its hash into the segment digest
 *       and counts it.</li>
 *   <li>An existing row is only changed (replaced by a newer version) by a writer holding its
 *       partition's advisory lock exclusively ({@link PartitionLocks}), so the version and content
 *       hash it read cannot change before it commits: XOR old hash out, new hash in is exact.</li>
 *   <li>Digest changes are deltas (XOR, +), which commute: each write appends its changes to the
 *       {@link DigestJournal} in its own transaction (one row, no digest row locked), and folds
 *       apply them in any order.</li>
 * </ul>
 *
 * <p>Two paths, so that the hot path (the coordinator's fresh entries) pays for no reads:
 * <ol>
 *   <li><b>Fast</b>: assume every key is new. Take the partitions' locks <i>shared</i> (fast
 *       writers never wait for each other), {@code COPY} all rows in binary (sorted by key, so two
 *       batches racing for the same new keys queue instead of deadlocking), journal the digest changes.
 *       A batch under {@code storage.write.copy-from-entries} sends the three statements in one
 *       round trip instead of five (COPY alone takes two), which is what a small batch costs most:
 *       in {@code NodeIngestBenchmark} with batches of 3, a node took about a third more batches
 *       per second, for less CPU per batch.
 *       If any key or id is already stored (or repeated in the batch), a unique index refuses the
 *       copy and the whole transaction rolls back; the batch then takes the careful path.</li>
 *   <li><b>Careful</b> (replays, repairs, redeliveries, conflicts): take the locks
 *       <i>exclusive</i>, read the stored version of every key, then per key insert (new),
 *       replace (strictly newer) or leave it (older or equal); insert with
 *       {@code ON CONFLICT DO NOTHING} so an id stored at another key is reported as a conflict.</li>
 * </ol>
 * Locks are taken in one statement in sorted order, so writers cannot deadlock on them.
 */
@Component
public class EntryWriter {

    private static final String EXISTING_BY_KEY = """
            SELECT k.ord, e.id, e.version_counter, e.version_writer, e.content_hash
            FROM unnest(?::text[], ?::bigint[]) WITH ORDINALITY AS k(partition_key, sequence, ord)
            JOIN log_entries e ON e.partition_key = k.partition_key AND e.sequence = k.sequence""";

    private static final String ROWS = """
            unnest(?::text[], ?::bigint[], ?::uuid[], ?::timestamptz[], ?::smallint[], ?::text[], ?::text[],
                   ?::text[], ?::text[], ?::jsonb[], ?::bigint[], ?::text[], ?::bigint[])
              AS u(partition_key, sequence, id, ts, ts_nanos, level, source_ip, service, message, attributes,
                   version_counter, version_writer, content_hash)""";

    private static final int COPY_COLUMNS = 13;

    private static final String COPY_NEW = "COPY log_entries (partition_key, sequence, id, ts, ts_nanos, level,"
            + " source_ip, service, message, attributes, version_counter, version_writer, content_hash)"
            + " FROM STDIN (FORMAT binary)";

    /** The rows bound as {@link #ROWS}, inserted; what follows decides what a stored key or id does. */
    private static final String INSERT_ROWS = """
            INSERT INTO log_entries (partition_key, sequence, id, ts, ts_nanos, level, source_ip, service, message,
                                     attributes, version_counter, version_writer, content_hash)
            SELECT u.partition_key, u.sequence, u.id, u.ts, u.ts_nanos, u.level, u.source_ip, u.service, u.message,
                   u.attributes, u.version_counter, u.version_writer, u.content_hash
            """ + "FROM " + ROWS;

    /**
     * The fast path for a small batch, in one round trip: three statements sent together and run
     * in the implicit transaction that ends at the protocol's Sync (committed if all succeed, rolled
     * back if one fails), so the locks are held until the rows and the journal row are committed.
     * No {@code ON CONFLICT}: a stored key or id fails it, and the batch takes the careful path.
     */
    private static final String INSERT_NEW_AT_ONCE = PartitionLocks.LOCK_SHARED + ";\n"
            + DigestJournal.APPEND + ";\n" + INSERT_ROWS;

    private static final String INSERT = INSERT_ROWS + """

            ON CONFLICT DO NOTHING
            RETURNING id""";

    private static final String REPLACE = """
            UPDATE log_entries e
            SET id = u.id, ts = u.ts, ts_nanos = u.ts_nanos, level = u.level, source_ip = u.source_ip,
                service = u.service, message = u.message, attributes = u.attributes,
                version_counter = u.version_counter, version_writer = u.version_writer,
                content_hash = u.content_hash
            """ + "FROM " + ROWS + """

            WHERE e.partition_key = u.partition_key AND e.sequence = u.sequence""";

    private static final String KEYS_OF_IDS =
            "SELECT id, partition_key, sequence FROM log_entries WHERE id = ANY(?::uuid[])";

    /** Key order: rows are always written in it (no lock-order cycles between batches). */
    private static final Comparator<LogEntry> KEY_ORDER = (a, b) -> {
        int byPartition = a.partitionKey().compareTo(b.partitionKey());
        return byPartition != 0 ? byPartition : Long.compare(a.sequence(), b.sequence());
    };

    private record Stored(UUID id, LamportVersion version, long hash) {
    }

    private record Replacement(Candidate candidate, Stored stored) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final EntryRows rows;
    private final Segments segments;
    private final DigestJournal journal;
    private final Counter fallbacks;
    private final int copyFromEntries;

    public EntryWriter(JdbcTemplate jdbc, TransactionTemplate tx, EntryRows rows, Segments segments,
            DigestJournal journal, MeterRegistry meters, StorageNodeProperties node, WriteProperties properties) {
        this.jdbc = jdbc;
        this.copyFromEntries = properties.copyFromEntries();
        this.tx = tx;
        this.rows = rows;
        this.segments = segments;
        this.journal = journal;
        this.fallbacks = Counter.builder("storage.node.write.careful")
                .description("Batches that held already stored keys or ids, so the optimistic all-new insert was"
                        + " rolled back and the batch applied key by key against the stored versions")
                .tag("node", node.id())
                .register(meters);
    }

    /** Stores valid entries (see {@code LogEntryRules.validateStored}) in one transaction. */
    public StoreResult write(List<LogEntry> entries) {
        return write(entries, false);
    }

    /**
     * As {@link #write(List)}; with {@code repair}, a stored copy with the same version but other
     * content (altered behind the system's back: no writer issues one version twice) is replaced
     * too. Anti-entropy sends such writes after choosing the winning content among the replicas
     * ({@code core.repair.SegmentReconciliation}); every other writer leaves equal versions alone.
     */
    public StoreResult write(List<LogEntry> entries, boolean repair) {
        if (entries.isEmpty()) {
            return new StoreResult(0, 0, 0, List.of());
        }
        LogEntry[] sorted = entries.toArray(LogEntry[]::new);
        Arrays.sort(sorted, KEY_ORDER);
        // Everything is encoded before the transaction starts: locks are held only while PostgreSQL works.
        boolean copy = sorted.length >= copyFromEntries;
        AllNew batch = AllNew.of(sorted, segments, rows, copy);
        try {
            return copy
                    ? tx.execute(status -> jdbc.execute((ConnectionCallback<StoreResult>) con -> copyAllNew(con, batch)))
                    // Not in a Spring transaction: its BEGIN and COMMIT would cost a round trip more.
                    : jdbc.execute((ConnectionCallback<StoreResult>) con -> insertAllNewAtOnce(con, batch));
        } catch (DuplicateKeyException someKeyOrIdIsStored) {
            fallbacks.increment();
        }
        IncomingBatch incoming = IncomingBatch.of(entries);
        if (incoming.candidates().isEmpty()) {
            return new StoreResult(0, 0, incoming.superseded(), incoming.conflicts());
        }
        List<Candidate> candidates = new ArrayList<>(incoming.candidates());
        candidates.sort((a, b) -> KEY_ORDER.compare(a.entry(), b.entry()));
        List<String> partitions = candidates.stream().map(c -> c.entry().partitionKey()).distinct().toList();
        return tx.execute(status -> jdbc.execute((ConnectionCallback<StoreResult>) con ->
                applyCarefully(con, incoming, candidates, partitions, repair)));
    }

    /**
     * A batch encoded for the fast path, on the assumption that every key is new: the entries
     * sorted by key with their content hashes, the rows in binary COPY format (only for a batch
     * that is copied), the distinct partitions, and the digest delta of each touched segment
     * (entries are sorted by key, so one pass aggregates them).
     */
    private record AllNew(LogEntry[] sorted, long[] hashes, BinaryCopy rows, List<String> partitions,
            String[] digestKeys, long[] digestSegments, long[] digestHashes, long[] digestCounts) {

        static AllNew of(LogEntry[] sorted, Segments segments, EntryRows entryRows, boolean copy) {
            int n = sorted.length;
            BinaryCopy rows = copy ? new BinaryCopy(n * 320) : null;
            List<String> partitions = new ArrayList<>();
            long[] entryHashes = new long[n];
            String[] keys = new String[n];
            long[] segmentNumbers = new long[n];
            long[] hashes = new long[n];
            long[] counts = new long[n];
            int d = -1;
            String partition = null;
            long segment = -1;
            for (int i = 0; i < n; i++) {
                LogEntry e = sorted[i];
                long hash = EntryHash.of(e);
                entryHashes[i] = hash;
                if (copy) {
                    rows.row(COPY_COLUMNS)
                            .text(e.partitionKey())
                            .int8(e.sequence())
                            .uuid(e.id())
                            .timestamptz(e.timestamp())
                            .int2(EntryRows.subMicroNanos(e.timestamp()))
                            .text(e.level().name())
                            .text(e.sourceIp())
                            .text(e.service())
                            .text(e.message())
                            .jsonb(entryRows.attributesJson(e.attributes()))
                            .int8(e.version().counter())
                            .text(e.version().writerId())
                            .int8(hash);
                }
                if (!e.partitionKey().equals(partition)) {
                    partition = e.partitionKey();
                    partitions.add(partition);
                    segment = -1;
                }
                long s = segments.segmentOf(e.sequence());
                if (s != segment) {
                    segment = s;
                    d++;
                    keys[d] = partition;
                    segmentNumbers[d] = s;
                }
                hashes[d] ^= hash;
                counts[d]++;
            }
            if (copy) {
                rows.end();
            }
            int m = d + 1;
            return new AllNew(sorted, entryHashes, rows, partitions, Arrays.copyOf(keys, m),
                    Arrays.copyOf(segmentNumbers, m), Arrays.copyOf(hashes, m), Arrays.copyOf(counts, m));
        }

        int entries() {
            return sorted.length;
        }
    }

    /** A small batch: locks, journal row and rows in one round trip ({@link #INSERT_NEW_AT_ONCE}). */
    private StoreResult insertAllNewAtOnce(Connection con, AllNew batch) throws SQLException {
        Object[] rowParameters = rowParameters(con, batch.entries(), i -> batch.sorted()[i], i -> batch.hashes()[i]);
        Object[] parameters = new Object[5 + rowParameters.length];
        parameters[0] = PartitionLocks.lockIds(batch.partitions());
        parameters[1] = batch.digestKeys();
        parameters[2] = batch.digestSegments();
        parameters[3] = batch.digestHashes();
        parameters[4] = batch.digestCounts();
        System.arraycopy(rowParameters, 0, parameters, 5, rowParameters.length);
        try (PreparedStatement ps = con.prepareStatement(INSERT_NEW_AT_ONCE)) {
            bind(ps, parameters);
            ps.execute();
            // Drain the three results, so that every statement's outcome (an error) is seen here.
            while (ps.getMoreResults() || ps.getUpdateCount() != -1) {
                // nothing to read: the lock rows, then two update counts
            }
        }
        return new StoreResult(batch.entries(), 0, 0, List.of());
    }

    /** A large batch: locks, binary {@code COPY} (cheapest per row), journal row, in the caller's transaction. */
    private StoreResult copyAllNew(Connection con, AllNew batch) throws SQLException {
        PartitionLocks.lockShared(con, batch.partitions());
        CopyIn copy = con.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_NEW);
        try {
            copy.writeToCopy(batch.rows().bytes(), 0, batch.rows().length());
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        journal.append(con, batch.digestKeys(), batch.digestSegments(), batch.digestHashes(), batch.digestCounts());
        return new StoreResult(batch.entries(), 0, 0, List.of());
    }

    private StoreResult applyCarefully(Connection con, IncomingBatch batch, List<Candidate> candidates,
            List<String> partitions, boolean repair) throws SQLException {
        PartitionLocks.lockExclusive(con, partitions);
        Stored[] stored = storedVersions(con, candidates);

        List<Candidate> inserts = new ArrayList<>(candidates.size());
        List<Replacement> replacements = new ArrayList<>(0);
        List<Conflict> conflicts = new ArrayList<>(batch.conflicts());
        int unchanged = batch.superseded();
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            if (stored[i] == null) {
                inserts.add(c);
            } else if (!stored[i].id().equals(c.entry().id())) {
                // The key holds another entry: versions order copies of one entry, they never let
                // one entry replace another (that would lose an acknowledged log).
                conflicts.add(conflict(c.entry(), c.key()));
            } else if (c.entry().version().isNewerThan(stored[i].version())
                    || (repair && c.entry().version().equals(stored[i].version()) && c.hash() != stored[i].hash())) {
                replacements.add(new Replacement(c, stored[i]));
            } else {
                unchanged++;
            }
        }

        DigestDeltas deltas = new DigestDeltas(segments);
        if (!replacements.isEmpty()) {
            execute(con, REPLACE, rowParameters(con, replacements.stream().map(Replacement::candidate).toList()));
            for (Replacement r : replacements) {
                deltas.replaced(r.candidate().key(), r.stored().hash(), r.candidate().hash());
            }
        }

        int inserted = 0;
        if (!inserts.isEmpty()) {
            Set<UUID> insertedIds = insert(con, inserts);
            List<Candidate> rejected = new ArrayList<>(0);
            for (Candidate c : inserts) {
                if (insertedIds.contains(c.entry().id())) {
                    deltas.inserted(c.key(), c.hash());
                    inserted++;
                } else {
                    rejected.add(c);
                }
            }
            conflicts.addAll(conflictsOf(con, rejected));
        }

        addDigests(con, deltas);
        return new StoreResult(inserted, replacements.size(), unchanged, conflicts);
    }

    private Stored[] storedVersions(Connection con, List<Candidate> candidates) throws SQLException {
        int n = candidates.size();
        String[] keys = new String[n];
        long[] sequences = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = candidates.get(i).entry().partitionKey();
            sequences[i] = candidates.get(i).entry().sequence();
        }
        Stored[] stored = new Stored[n];
        try (PreparedStatement ps = con.prepareStatement(EXISTING_BY_KEY)) {
            ps.setObject(1, keys);
            ps.setObject(2, sequences);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored[(int) rs.getLong(1) - 1] = new Stored(rs.getObject(2, UUID.class),
                            new LamportVersion(rs.getLong(3), rs.getString(4)), rs.getLong(5));
                }
            }
        }
        return stored;
    }


    private Set<UUID> insert(Connection con, List<Candidate> inserts) throws SQLException {
        Set<UUID> ids = new HashSet<>(inserts.size() * 2);
        try (PreparedStatement ps = con.prepareStatement(INSERT)) {
            bind(ps, rowParameters(con, inserts));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    private List<Conflict> conflictsOf(Connection con, List<Candidate> rejected) throws SQLException {
        if (rejected.isEmpty()) {
            return List.of();
        }
        Map<UUID, EntryKey> at = keysOf(con, rejected.stream().map(c -> c.entry().id()).toList());
        List<Conflict> conflicts = new ArrayList<>(rejected.size());
        for (Candidate c : rejected) {
            EntryKey key = at.get(c.entry().id());
            if (key == null) {
                // Only a unique index can make ON CONFLICT skip a row, and the key is locked and free.
                throw new IllegalStateException("entry " + c.entry().id() + " was neither inserted nor found");
            }
            conflicts.add(conflict(c.entry(), key));
        }
        return conflicts;
    }

    private Map<UUID, EntryKey> keysOf(Connection con, List<UUID> ids) throws SQLException {
        Map<UUID, EntryKey> at = new HashMap<>();
        try (PreparedStatement ps = con.prepareStatement(KEYS_OF_IDS)) {
            ps.setArray(1, con.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    at.put(rs.getObject(1, UUID.class), new EntryKey(rs.getString(2), rs.getLong(3)));
                }
            }
        }
        return at;
    }

    private static Conflict conflict(LogEntry e, EntryKey storedAt) {
        return new Conflict(e.id(), e.partitionKey(), e.sequence(), storedAt.partitionKey(), storedAt.sequence());
    }

    private void addDigests(Connection con, DigestDeltas deltas) throws SQLException {
        int n = deltas.deltas().size();
        String[] keys = new String[n];
        long[] segmentNumbers = new long[n];
        long[] hashes = new long[n];
        long[] counts = new long[n];
        int i = 0;
        for (Map.Entry<SegmentKey, SegmentDigest> e : deltas.deltas().entrySet()) {
            keys[i] = e.getKey().partitionKey();
            segmentNumbers[i] = e.getKey().segment();
            hashes[i] = e.getValue().hash();
            counts[i] = e.getValue().count();
            i++;
        }
        journal.append(con, keys, segmentNumbers, hashes, counts);
    }

    /** One array per column of {@link #ROWS}, in its order. */
    private Object[] rowParameters(Connection con, List<Candidate> candidates) throws SQLException {
        return rowParameters(con, candidates.size(), i -> candidates.get(i).entry(), i -> candidates.get(i).hash());
    }

    /** One array per column of {@link #ROWS}, in its order, for the {@code n} entries {@code entry} gives. */
    private Object[] rowParameters(Connection con, int n, IntFunction<LogEntry> entry, IntToLongFunction hash)
            throws SQLException {
        String[] keys = new String[n];
        long[] sequences = new long[n];
        UUID[] ids = new UUID[n];
        String[] timestamps = new String[n];
        short[] nanos = new short[n];
        String[] levels = new String[n];
        String[] sourceIps = new String[n];
        String[] services = new String[n];
        String[] messages = new String[n];
        String[] attributes = new String[n];
        long[] counters = new long[n];
        String[] writers = new String[n];
        long[] hashes = new long[n];
        for (int i = 0; i < n; i++) {
            LogEntry e = entry.apply(i);
            keys[i] = e.partitionKey();
            sequences[i] = e.sequence();
            ids[i] = e.id();
            timestamps[i] = EntryRows.micros(e.timestamp());
            nanos[i] = EntryRows.subMicroNanos(e.timestamp());
            levels[i] = e.level().name();
            sourceIps[i] = e.sourceIp();
            services[i] = e.service();
            messages[i] = e.message();
            attributes[i] = rows.attributesJson(e.attributes());
            counters[i] = e.version().counter();
            writers[i] = e.version().writerId();
            hashes[i] = hash.applyAsLong(i);
        }
        return new Object[] {keys, sequences, con.createArrayOf("uuid", ids), timestamps, nanos, levels,
                sourceIps, services, messages, attributes, counters, writers, hashes};
    }

    private static void execute(Connection con, String sql, Object[] parameters) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement(sql)) {
            bind(ps, parameters);
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] instanceof Array array) {
                ps.setArray(i + 1, array);
            } else {
                ps.setObject(i + 1, parameters[i]);
            }
        }
    }
}
