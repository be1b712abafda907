/**
 * Latency of quorum reads ({@code GET /api/read/{partitionKey}/{sequence}}) through the gateway on a
 * running, filled cluster: {@link com.logprocessor.bench.read.ReadLatencyBenchmark}. Open loop at a
 * fixed rate: each read's latency counts from when it was due, so a stall is not hidden by requests
 * that were never sent.
 */
package com.logprocessor.bench.read;
