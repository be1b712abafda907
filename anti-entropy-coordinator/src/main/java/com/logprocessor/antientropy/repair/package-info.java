/**
 * Running a repair job: merge the replicas' partition listings (one per node, digests included),
 * then, only for partitions whose digests differ, narrow the difference down (small partitions in
 * batches by fine segment digests, large ones by Merkle trees over their segment digests), fetch
 * only the differing segments, and write each sequence's winning copy
 * ({@code core.repair.SegmentReconciliation}) to the replicas that lack it.
 */
package com.logprocessor.antientropy.repair;
