/**
 * One storage node's batch ingest rate into PostgreSQL:
 * {@link com.logprocessor.bench.ingest.NodeIngestBenchmark} posts placed entries to
 * {@code POST /api/storage/store/batch} the way a coordinator feeds a node (binary entry codec and
 * UUIDv7 ids by default) and prints entries per second and the batch latency distribution. Bodies are
 * built before the clock starts, so on a small machine the client's work does not compete with the
 * node it measures.
 */
package com.logprocessor.bench.ingest;
