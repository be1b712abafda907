/**
 * Anti-entropy's digests: a partition's sequences are cut into fixed
 * {@link com.logprocessor.core.merkle.Segments}, each summed up by a
 * {@link com.logprocessor.core.merkle.SegmentDigest}, the XOR of its entries' content hashes
 * ({@link com.logprocessor.core.merkle.EntryHash}) and their count, which is independent of write order
 * and updated in O(1). A {@link com.logprocessor.core.merkle.PartitionDigest} finds the differing
 * partitions with one listing per node, and a {@link com.logprocessor.core.merkle.MerkleTree} built
 * over segment digests, not entries, narrows a difference down to exactly the differing segments.
 */
package com.logprocessor.core.merkle;
