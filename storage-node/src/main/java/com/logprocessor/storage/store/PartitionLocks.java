package com.logprocessor.storage.store;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Transaction-scoped advisory locks on partition keys, held until commit. Writers that only insert
 * new keys hold them shared (they never wait for each other: the primary key arbitrates a race for
 * a key); whoever changes stored rows or rewrites digests (replacing writers, digest corrections)
 * holds them exclusive, so what it read under the lock stays true until it commits.
 */
public final class PartitionLocks {

    /** Advisory-lock namespace (first key of the two-int form, disjoint from the bigint form). */
    static final int LOCK_SPACE = 0x5354_4F52; // "STOR"

    private static final String LOCK_EXCLUSIVE =
            "SELECT pg_advisory_xact_lock(" + LOCK_SPACE + ", k) FROM unnest(?::int[]) AS k";
    /** Takes the shared locks of the lock ids bound as its one parameter ({@link #lockIds}). */
    static final String LOCK_SHARED =
            "SELECT pg_advisory_xact_lock_shared(" + LOCK_SPACE + ", k) FROM unnest(?::int[]) AS k";

    private PartitionLocks() {
    }

    /**
     * Locks the keys in one statement, in sorted order of their lock ids, so two transactions take
     * their common locks in the same order and cannot deadlock on them. Two keys with the same
     * 32-bit hash share a lock: more serialization, never less safety. Must run in a transaction.
     */
    public static void lockExclusive(Connection con, Collection<String> partitionKeys) throws SQLException {
        lock(con, LOCK_EXCLUSIVE, partitionKeys);
    }

    /** Shared: excludes only exclusive holders. See {@link #lockExclusive}. */
    public static void lockShared(Connection con, Collection<String> partitionKeys) throws SQLException {
        lock(con, LOCK_SHARED, partitionKeys);
    }

    /** The keys' lock ids, sorted and distinct: the order every writer takes them in. */
    static int[] lockIds(Collection<String> partitionKeys) {
        return partitionKeys.stream()
                .distinct()
                .mapToInt(PartitionLocks::lockId)
                .sorted()
                .distinct()
                .toArray();
    }

    private static void lock(Connection con, String sql, Collection<String> partitionKeys) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement(sql)) {
            ps.setObject(1, lockIds(partitionKeys));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // One row per lock taken: unnest yields the ids in array (sorted) order.
                }
            }
        }
    }

    static int lockId(String partitionKey) {
        return Hashing.murmur3_32_fixed().hashString(partitionKey, StandardCharsets.UTF_8).asInt();
    }
}
