/**
 * Anti-entropy's targets measured on a running local cluster by
 * {@link com.logprocessor.bench.antientropy.AntiEntropyBenchmark}; no timing is asserted. It loads
 * partitions through the gateway, then times comparing the replicas of a 1,000,000-entry partition
 * (target 1 s), a cycle over every partition when nothing differs (10 s), and finding and repairing
 * rows deleted from one node's database (99 % within 5 s).
 */
package com.logprocessor.bench.antientropy;
