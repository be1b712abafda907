package com.logprocessor.antientropy.jobs;

import com.logprocessor.support.antientropy.RepairJob;
import com.logprocessor.support.antientropy.JobCounts;
import com.logprocessor.support.antientropy.JobKind;
import com.logprocessor.support.antientropy.JobStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code repair_jobs} and {@code anti_entropy_cycles} tables: the queue every instance shares.
 *
 * <p>Invariants: at most one PENDING job per (kind, subject), so planning the same work twice joins
 * it; a job is claimed by one worker at a time ({@code FOR UPDATE SKIP LOCKED}, and never while
 * another job on the same subject runs); a worker changes a job only while it holds the job's
 * lease ({@code claimed_by} and {@code status = 'RUNNING'} checked on every update), so a worker
 * that lost its lease cannot overwrite what the next one does.
 */
@Repository
public class JobStore {

    static final String COLUMNS = """
            id, cycle_id, kind, subject, reason, priority, status, attempts, created_at, started_at, finished_at,
            claimed_by, partitions_compared, partitions_differing, segments_differing, entries_streamed,
            entries_repaired, conflicts, replicas_unavailable, last_error""";

    /** A new job, or the pending one for the same subject (which takes the higher priority and the newer cycle). */
    static final String ENQUEUE = """
            INSERT INTO repair_jobs AS j (cycle_id, kind, subject, reason, priority)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (kind, subject) WHERE status = 'PENDING' DO UPDATE SET
                priority = least(j.priority, excluded.priority),
                reason = CASE WHEN excluded.priority < j.priority THEN excluded.reason ELSE j.reason END,
                cycle_id = coalesce(excluded.cycle_id, j.cycle_id)
            RETURNING\s""" + COLUMNS;

    static final String CLAIM = """
            UPDATE repair_jobs SET status = 'RUNNING', attempts = attempts + 1, started_at = now(), finished_at = NULL,
                   claimed_by = ?, lease_until = now() + ? * interval '1 millisecond'
            WHERE id = (
                SELECT j.id FROM repair_jobs j
                WHERE j.status = 'PENDING' AND j.not_before <= now()
                  AND NOT (j.kind = 'NODE' AND j.subject = ANY (?))
                  AND NOT EXISTS (SELECT 1 FROM repair_jobs r
                                  WHERE r.status = 'RUNNING' AND r.kind = j.kind AND r.subject = j.subject)
                ORDER BY j.priority, j.id
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING\s""" + COLUMNS;

    static final String RENEW = """
            UPDATE repair_jobs SET lease_until = now() + ? * interval '1 millisecond',
                   partitions_compared = ?, partitions_differing = ?, segments_differing = ?, entries_streamed = ?,
                   entries_repaired = ?, conflicts = ?, replicas_unavailable = ?
            WHERE id = ? AND claimed_by = ? AND status = 'RUNNING'""";

    static final String COMPLETE = """
            UPDATE repair_jobs SET status = 'COMPLETED', finished_at = now(), lease_until = NULL, last_error = NULL,
                   partitions_compared = ?, partitions_differing = ?, segments_differing = ?, entries_streamed = ?,
                   entries_repaired = ?, conflicts = ?, replicas_unavailable = ?
            WHERE id = ? AND claimed_by = ? AND status = 'RUNNING'""";

    /**
     * After a failed attempt: back to PENDING while attempts remain (the parameter: the most
     * allowed) and no other job for the subject is pending (which then does the work), else FAILED.
     */
    private static final String RETRY_OR_FAIL = """
            status = CASE WHEN j.attempts < ? AND NOT EXISTS (SELECT 1 FROM repair_jobs p WHERE p.status = 'PENDING'
                              AND p.kind = j.kind AND p.subject = j.subject) THEN 'PENDING' ELSE 'FAILED' END,
            """;

    /** A failed attempt; a retry waits for the backoff. */
    static final String FAIL = """
            UPDATE repair_jobs j SET
            """ + RETRY_OR_FAIL + """
                finished_at = now(), lease_until = NULL, not_before = now() + ? * interval '1 millisecond',
                last_error = ?
            WHERE id = ? AND claimed_by = ? AND status = 'RUNNING'
            RETURNING j.status""";

    /** Running jobs whose worker stopped renewing: failed attempts, like any other. */
    static final String EXPIRE_LEASES = """
            UPDATE repair_jobs j SET
            """ + RETRY_OR_FAIL + """
                finished_at = now(), lease_until = NULL,
                last_error = 'the worker ' || j.claimed_by || ' stopped renewing its lease (stopped or died)'
            WHERE j.id IN (SELECT id FROM repair_jobs WHERE status = 'RUNNING' AND lease_until < now()
                           FOR UPDATE SKIP LOCKED)
            RETURNING j.kind, j.status""";

    /** Cycles whose jobs have all settled; answers how long each took. */
    private static final String HELD_BACK = """
            SELECT EXISTS (SELECT 1 FROM anti_entropy_cycles WHERE started_at > now() - ? * interval '1 millisecond')
                OR EXISTS (SELECT 1 FROM (SELECT started_at, finished_at FROM anti_entropy_cycles ORDER BY id DESC LIMIT 1) l
                           WHERE ?::float8 > 0
                             AND (l.finished_at IS NULL OR l.finished_at + (l.finished_at - l.started_at) * ? > now()))""";

    static final String FINISH_CYCLES = """
            UPDATE anti_entropy_cycles c SET finished_at = now()
            WHERE c.finished_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM repair_jobs j WHERE j.cycle_id = c.id AND j.status IN ('PENDING', 'RUNNING'))
            RETURNING extract(epoch FROM c.finished_at - c.started_at)::float8""";

    private static final RowMapper<RepairJob> JOB = JobStore::job;

    private final JdbcTemplate jdbc;

    public JobStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A new job, or the pending one for the same kind and subject. */
    public RepairJob enqueue(Long cycleId, JobKind kind, String subject, String reason, int priority) {
        return jdbc.queryForObject(ENQUEUE, JOB, cycleId, kind.name(), subject, reason, priority);
    }

    /** A planned cycle and its jobs (some may be pending jobs it joined). */
    public record PlannedCycle(long id, List<RepairJob> jobs) {
    }

    /**
     * Starts a cycle with one PRIMARY_RANGES job per node, unless a cycle was started less than
     * {@code minGap} ago (another instance planned it) or, with a positive {@code restFactor}, the
     * last cycle still runs or finished less than {@code restFactor} times its duration ago: an
     * advisory lock serialises the check across instances, and the cycle and its jobs appear in
     * one transaction, so a cycle is never seen without its jobs. Empty when skipped.
     */
    @Transactional
    public Optional<PlannedCycle> planCycle(String reason, Duration minGap, double restFactor, Collection<String> nodes,
            int priority) {
        jdbc.execute("SELECT pg_advisory_xact_lock(8086)");
        Boolean held = jdbc.queryForObject(HELD_BACK, Boolean.class, minGap.toMillis(), restFactor, restFactor);
        if (Boolean.TRUE.equals(held)) {
            return Optional.empty();
        }
        long cycle = jdbc.queryForObject("INSERT INTO anti_entropy_cycles (reason) VALUES (?) RETURNING id",
                Long.class, reason);
        List<RepairJob> jobs = nodes.stream().sorted()
                .map(node -> enqueue(cycle, JobKind.PRIMARY_RANGES, node, reason, priority)).toList();
        return Optional.of(new PlannedCycle(cycle, jobs));
    }

    /**
     * Whether every one of these jobs completed (none pending, running or failed) and found no
     * partition whose replicas differ.
     */
    public boolean foundNothing(List<Long> jobIds) {
        return !jobIds.isEmpty() && Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT count(*) = ? AND coalesce(bool_and(status = 'COMPLETED' AND partitions_differing = 0), false)
                FROM repair_jobs WHERE id = ANY (?)""", Boolean.class, jobIds.size(), jobIds.toArray(Long[]::new)));
    }

    /**
     * The next job this worker may run, now RUNNING under its lease, if any; the NODE jobs of
     * {@code waitingNodes} (nodes not UP yet) stay pending.
     */
    public Optional<RepairJob> claim(String worker, Duration lease, Set<String> waitingNodes) {
        return jdbc.query(CLAIM, JOB, worker, lease.toMillis(), waitingNodes.toArray(String[]::new)).stream()
                .findFirst();
    }

    /** Extends the lease and saves the counts; false when the job is no longer this worker's. */
    public boolean renew(long id, String worker, Duration lease, JobCounts counts) {
        return jdbc.update(RENEW, lease.toMillis(), counts.partitionsCompared(), counts.partitionsDiffering(),
                counts.segmentsDiffering(), counts.entriesStreamed(), counts.entriesRepaired(), counts.conflicts(),
                counts.replicasUnavailable(), id, worker) == 1;
    }

    /** Marks the job COMPLETED; false when it is no longer this worker's. */
    public boolean complete(long id, String worker, JobCounts counts) {
        return jdbc.update(COMPLETE, counts.partitionsCompared(), counts.partitionsDiffering(),
                counts.segmentsDiffering(), counts.entriesStreamed(), counts.entriesRepaired(), counts.conflicts(),
                counts.replicasUnavailable(), id, worker) == 1;
    }

    /** Records a failed attempt; the job's status after it, empty when it is no longer this worker's. */
    public Optional<JobStatus> fail(long id, String worker, String error, int maxAttempts, Duration backoff) {
        return jdbc.query(FAIL, (rs, i) -> JobStatus.valueOf(rs.getString(1)), maxAttempts, backoff.toMillis(),
                error, id, worker).stream().findFirst();
    }

    /** Gives back jobs whose lease ran out; answers the kind of each that is now FAILED for good. */
    public List<JobKind> expireLeases(int maxAttempts) {
        return jdbc.query(EXPIRE_LEASES, (rs, i) -> JobStatus.valueOf(rs.getString(2)) == JobStatus.FAILED
                ? JobKind.valueOf(rs.getString(1)) : null, maxAttempts).stream()
                .filter(java.util.Objects::nonNull).toList();
    }

    /** Closes the cycles whose jobs have all settled; the duration of each, in seconds. */
    public List<Double> finishCycles() {
        return jdbc.query(FINISH_CYCLES, (rs, i) -> rs.getDouble(1));
    }

    public Optional<RepairJob> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM repair_jobs WHERE id = ?", JOB, id).stream().findFirst();
    }

    /** Newest first, optionally of one status. */
    public List<RepairJob> list(JobStatus status, int limit) {
        return status == null
                ? jdbc.query("SELECT " + COLUMNS + " FROM repair_jobs ORDER BY id DESC LIMIT ?", JOB, limit)
                : jdbc.query("SELECT " + COLUMNS + " FROM repair_jobs WHERE status = ? ORDER BY id DESC LIMIT ?", JOB,
                        status.name(), limit);
    }

    /** Jobs per status (every status present, zero when none). */
    public Map<JobStatus, Long> countByStatus() {
        Map<JobStatus, Long> out = new EnumMap<>(JobStatus.class);
        for (JobStatus s : JobStatus.values()) {
            out.put(s, 0L);
        }
        jdbc.query("SELECT status, count(*) FROM repair_jobs GROUP BY status",
                (ResultSet rs) -> {
                    out.put(JobStatus.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return out;
    }

    private static RepairJob job(ResultSet rs, int row) throws SQLException {
        long cycle = rs.getLong(2);
        Long cycleId = rs.wasNull() ? null : cycle;
        return new RepairJob(rs.getLong(1), cycleId, JobKind.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getInt(6), JobStatus.valueOf(rs.getString(7)), rs.getInt(8), instant(rs, 9),
                instant(rs, 10), instant(rs, 11), rs.getString(12),
                new JobCounts(rs.getLong(13), rs.getLong(14), rs.getLong(15), rs.getLong(16), rs.getLong(17),
                        rs.getLong(18), rs.getLong(19)), rs.getString(20));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
