package com.logprocessor.core.query;

import com.google.common.net.InetAddresses;
import com.logprocessor.core.consistency.ConsistencyLevel;
import com.logprocessor.core.entry.LogEntryRules;
import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.core.entry.Violation;
import com.logprocessor.core.text.Texts;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A query over stored logs ({@code GET /api/logs}, the coordinator's and the nodes' query), parsed
 * from request parameters by one set of rules, so that the gateway, the coordinator and every
 * storage node accept and refuse exactly the same input: a parameter the gateway lets through is
 * never refused further in (which the coordinator used to report as "node unavailable").
 *
 * @param sourceIp an IPv4 or IPv6 address, or null
 * @param partitionKey at most {@link LogEntryRules#MAX_PARTITION_KEY_CHARS} characters, no U+0000, or null
 * @param minLevel a minimum severity, or null
 * @param from inclusive, or null
 * @param to exclusive, after {@code from}, or null
 * @param afterSequence with a partition key only: ascending sequences after it (a cursor), or null
 * @param limit 1 to {@link #MAX_LIMIT}
 * @param consistency how many replicas of each key range must answer, or null for the reader's
 *        default (only the coordinator uses it; a storage node checks it and ignores it)
 */
public record LogQuery(String sourceIp, String partitionKey, LogLevel minLevel, Instant from, Instant to,
                       Long afterSequence, int limit, ConsistencyLevel consistency) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /** A parsed query, or every rule it broke (then {@code query} is null). */
    public record Parsed(LogQuery query, List<Violation> violations) {

        public boolean isValid() {
            return violations.isEmpty();
        }
    }

    /** Parses request parameters (each may be null or blank: absent); lists every broken rule. */
    public static Parsed parse(String sourceIp, String partitionKey, String level, String from, String to,
                               String afterSequence, String limit, String consistency) {
        List<Violation> violations = new ArrayList<>();
        ConsistencyLevel cl = ConsistencyLevel.parameter(consistency, violations);
        String ip = blankToNull(sourceIp);
        if (ip != null && (ip.contains("%") || !InetAddresses.isInetAddress(ip))) {
            violations.add(new Violation("sourceIp",
                    "'" + Texts.abbreviate(ip, 64) + "' is not an IPv4 or IPv6 address"));
        }
        String key = blankToNull(partitionKey);
        if (key != null) {
            violations.addAll(PartitionKeys.check("partitionKey", key));
        }
        LogLevel minLevel = null;
        if (blankToNull(level) != null) {
            try {
                minLevel = LogLevel.parse(level);
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("level", e.getMessage()));
            }
        }
        Instant fromInstant = instant("from", from, violations);
        Instant toInstant = instant("to", to, violations);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            violations.add(new Violation("to", "must be after from (from is inclusive, to exclusive)"));
        }
        Long after = null;
        if (blankToNull(afterSequence) != null) {
            after = wholeNumber("afterSequence", afterSequence, violations);
            if (after != null && after < 0) {
                violations.add(new Violation("afterSequence", "must not be negative, was " + after));
            }
            if (key == null) {
                violations.add(new Violation("afterSequence", "needs a partitionKey: sequences are per partition"));
            }
        }
        int max = DEFAULT_LIMIT;
        if (blankToNull(limit) != null) {
            Long parsed = wholeNumber("limit", limit, violations);
            if (parsed != null && (parsed < 1 || parsed > MAX_LIMIT)) {
                violations.add(new Violation("limit", "must be between 1 and " + MAX_LIMIT + ", was " + parsed));
            } else if (parsed != null) {
                max = parsed.intValue();
            }
        }
        if (!violations.isEmpty()) {
            return new Parsed(null, List.copyOf(violations));
        }
        return new Parsed(new LogQuery(ip, key, minLevel, fromInstant, toInstant, after, max, cl), List.of());
    }

    /** A sequence number as a path or query parameter: a whole number of at least 1. */
    public static Long parseSequence(String value, List<Violation> violations) {
        Long sequence = wholeNumber("sequence", value, violations);
        if (sequence != null && sequence < 1) {
            violations.add(new Violation("sequence", "must be at least 1, was " + sequence));
            return null;
        }
        return sequence;
    }

    private static Long wholeNumber(String name, String value, List<Violation> violations) {
        try {
            return Long.parseLong(value == null ? "" : value.trim());
        } catch (NumberFormatException e) {
            violations.add(new Violation(name,
                    "'" + Texts.abbreviate(String.valueOf(value), 64) + "' is not a whole number"));
            return null;
        }
    }

    private static Instant instant(String name, String value, List<Violation> violations) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            violations.add(new Violation(name, "'" + Texts.abbreviate(v, 64)
                    + "' is not an ISO-8601 instant such as 2026-01-31T12:00:00Z or 2026-01-31T13:00:00+01:00"));
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
