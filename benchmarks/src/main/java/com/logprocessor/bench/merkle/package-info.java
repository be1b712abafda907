/**
 * JMH benchmark of anti-entropy over one partition of 1,000,000 entries
 * ({@link com.logprocessor.bench.merkle.MerkleBenchmark}): the full recomputation of its segment
 * digests, building a {@link com.logprocessor.core.merkle.MerkleTree} from them, and diffing two
 * replicas' trees that differ in 0, 1 or 10 segments. The data comes from
 * {@link com.logprocessor.bench.merkle.MerkleWorkload}, kept apart from JMH so tests can check it on
 * small inputs.
 */
package com.logprocessor.bench.merkle;
