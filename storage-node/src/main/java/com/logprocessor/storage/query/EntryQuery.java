package com.logprocessor.storage.query;

import com.logprocessor.core.entry.LogLevel;
import java.time.Instant;

/**
 * A validated query: every filter optional (null = any).
 *
 * @param sourceIp     exact source IP
 * @param partitionKey exact partition key
 * @param minLevel     minimum severity: {@code WARN} matches WARN, ERROR and FATAL
 * @param from         inclusive lower bound of the timestamp
 * @param to           exclusive upper bound of the timestamp
 * @param limit        at most this many entries, newest first
 */
public record EntryQuery(String sourceIp, String partitionKey, LogLevel minLevel, Instant from, Instant to, int limit) {
}
