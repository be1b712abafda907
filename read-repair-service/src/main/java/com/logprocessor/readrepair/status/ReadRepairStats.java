package com.logprocessor.readrepair.status;

/**
 * Body of {@code GET /api/read-repair/stats}: this instance's counts since it started (not shared
 * between instances; they restart at 0).
 *
 * @param completed requests done: every UP replica holds the newest copy, or no replica holds the entry
 * @param failed requests not done: a replica unreachable or in conflict, or a record that was not a request
 * @param collapsed requests not repaired because another repair of the same entry covered them
 * @param replicasWritten copies written to stale replicas
 */
public record ReadRepairStats(long completed, long failed, long collapsed, long replicasWritten) {
}
