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
 * @param afterSequence with a partition key: only sequences after this one, in sequence order
 *                      (a cursor to read a whole partition page by page); null for newest first
 * @param limit        at most this many entries
 */
public record EntryQuery(String sourceIp, String partitionKey, LogLevel minLevel, Instant from, Instant to,
        Long afterSequence, int limit) {
}
