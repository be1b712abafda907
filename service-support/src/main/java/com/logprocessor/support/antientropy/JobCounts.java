package com.logprocessor.support.antientropy;

/**
 * What a job has done so far.
 *
 * @param partitionsCompared partitions whose replicas were compared
 * @param partitionsDiffering of those, partitions whose replicas' digests differed
 * @param segmentsDiffering segments whose digests differed between replicas
 * @param entriesStreamed entry copies sent to replicas that lacked them or held another version
 * @param entriesRepaired of those, copies the replicas stored (inserted or replaced)
 * @param conflicts sequences whose replicas hold different entry ids (never repaired automatically)
 * @param replicasUnavailable replicas of compared partitions that were not UP, so not compared
 */
public record JobCounts(long partitionsCompared, long partitionsDiffering, long segmentsDiffering,
                        long entriesStreamed, long entriesRepaired, long conflicts, long replicasUnavailable) {

    public static final JobCounts NONE = new JobCounts(0, 0, 0, 0, 0, 0, 0);
}
