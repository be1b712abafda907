/**
 * What the benchmarks and load generators share: reproducible IPv4-like ring keys
 * ({@link com.logprocessor.bench.support.Keys}), rings grown one node at a time
 * ({@link com.logprocessor.bench.support.Rings}), a cheap blocking HTTP client over keep-alive
 * connections ({@link com.logprocessor.bench.support.LoadClient}) that sends the cluster's credentials
 * ({@link com.logprocessor.bench.support.Credentials}), and CPU accounting that separates the
 * cluster's time from the generator's own ({@link com.logprocessor.bench.support.CpuMeter}). A
 * generator that uses the JDK HttpClient asynchronously first calls
 * {@link com.logprocessor.bench.support.AsyncHttp#sizeCommonPool}, so that with fewer than 3 CPUs each
 * request does not get a thread of its own.
 */
package com.logprocessor.bench.support;
