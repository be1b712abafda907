/**
 * The node's meters ({@code storage_node_*}, {@link com.logprocessor.storage.metrics.StorageMetrics}):
 * write latency, entries by outcome (inserted, updated, unchanged, conflict), digest and entry hash
 * mismatches found by verification, and the stored entry count. That count is kept in memory, read once
 * at start-up from the segment digests and advanced after each committed write, so a scrape costs
 * nothing.
 */
package com.logprocessor.storage.metrics;
