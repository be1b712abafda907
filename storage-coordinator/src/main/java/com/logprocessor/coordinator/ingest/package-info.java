/**
 * Ingest: consuming {@code logs.ingest}, numbering entries per key from a Redis checkpoint,
 * writing each batch through replication, and holding a partition (pause, backoff, read again)
 * while its entries cannot meet their consistency level.
 */
package com.logprocessor.coordinator.ingest;
