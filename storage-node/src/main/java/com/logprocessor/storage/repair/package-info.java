/**
 * What anti-entropy, the Merkle tree service and the coordinator read to compare and repair replicas
 * ({@link com.logprocessor.storage.repair.RepairController}): the partition listing with partition
 * digests, segment digests (also over a finer segment size), and entries by sequence range or segment.
 * {@link com.logprocessor.storage.repair.DigestVerifier} verifies the stored segment digests by
 * re-hashing every entry, reading each partition in one REPEATABLE READ snapshot so it never blocks
 * writes, and corrects only the mismatched segments. Run on a schedule, it then asks the anti-entropy
 * coordinator to compare the corrected partitions again, since the wrong digests hid their difference.
 */
package com.logprocessor.storage.repair;
