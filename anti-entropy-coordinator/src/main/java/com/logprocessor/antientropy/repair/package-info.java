/**
 * Running a repair job: merge the replicas' partition listings (one per node, digests included),
 * build and diff Merkle trees only for partitions whose digests differ, fetch only the differing
 * segments, and write each sequence's winning copy ({@code core.repair.SegmentReconciliation}) to
 * the replicas that lack it.
 */
package com.logprocessor.antientropy.repair;
