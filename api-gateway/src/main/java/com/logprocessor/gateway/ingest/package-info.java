/**
 * The public ingest API ({@code POST /api/logs}, {@code POST /api/logs/batch}): what clients send
 * becomes log entries (ids, timestamps, and the partition key from the partition id, else the source
 * IP, else the service), checked against every rule of {@link com.logprocessor.core.entry.LogEntryRules}
 * and published to {@code logs.ingest} keyed by partition key. A batch is accepted only whole, and the
 * answer is 202 only once Kafka has acknowledged every entry; when Kafka cannot take them in time it is
 * 503 with {@code Retry-After}. Entry point: {@link com.logprocessor.gateway.ingest.IngestService};
 * limits in {@code gateway.*}.
 */
package com.logprocessor.gateway.ingest;
