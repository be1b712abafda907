package com.logprocessor.gateway.ingest;

import java.util.Map;

/**
 * One log as a client sends it. Every field is taken as text so that a wrong value (a level that
 * does not exist, a timestamp that does not parse) is reported with the other broken rules rather
 * than as unreadable JSON.
 *
 * @param id optional UUID; the idempotency key (assigned when absent)
 * @param partitionId optional ring key; else {@code sourceIp}, else {@code service}
 * @param level TRACE, DEBUG, INFO (default), WARN, ERROR or FATAL
 * @param timestamp optional ISO-8601 instant (or epoch milliseconds); ingestion time when absent
 */
public record LogSubmission(
        String id,
        String partitionId,
        String sourceIp,
        String service,
        String level,
        String message,
        String timestamp,
        Map<String, String> attributes) {
}
