/**
 * The end-to-end load generator ({@link com.logprocessor.bench.load.LoadGenerator}, settings in
 * {@link com.logprocessor.bench.load.LoadOptions}): sends logs through the gateway at a target rate
 * with a bounded number of requests in flight, then reports throughput, request latency,
 * ingest-to-durable latency (from the coordinators' {@code coordinator_write_seconds} histograms),
 * errors, whether every acknowledged log reads back, and the spread over storage nodes. It exits with
 * 0 only if nothing failed.
 */
package com.logprocessor.bench.load;
