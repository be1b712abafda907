package com.logprocessor.storage.query;

import com.google.common.net.InetAddresses;
import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryRules;
import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.core.entry.Violation;
import com.logprocessor.support.web.InvalidRequestException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** Checks read and query parameters (every bad one is listed in one 400) and runs them. */
@Service
public class QueryService {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final EntryReader reader;

    public QueryService(EntryReader reader) {
        this.reader = reader;
    }

    public LogEntry get(String partitionKey, long sequence) {
        if (sequence < 1) {
            throw new InvalidRequestException(new Violation("sequence", "must be at least 1, was " + sequence));
        }
        return reader.find(partitionKey, sequence).orElseThrow(() -> new EntryNotFoundException(partitionKey, sequence));
    }

    public List<LogEntry> query(String sourceIp, String partitionKey, String level, String from, String to,
            String afterSequence, String limit) {
        List<Violation> violations = new ArrayList<>();
        String ip = blankToNull(sourceIp);
        if (ip != null && (ip.contains("%") || !InetAddresses.isInetAddress(ip))) {
            violations.add(new Violation("sourceIp", "'" + ip + "' is not an IPv4 or IPv6 address"));
        }
        String key = blankToNull(partitionKey);
        if (key != null && key.length() > LogEntryRules.MAX_PARTITION_KEY_CHARS) {
            violations.add(new Violation("partitionKey",
                    "must be at most " + LogEntryRules.MAX_PARTITION_KEY_CHARS + " characters"));
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
            try {
                after = Long.parseLong(afterSequence.trim());
                if (after < 0) {
                    violations.add(new Violation("afterSequence", "must not be negative, was " + after));
                }
            } catch (NumberFormatException e) {
                violations.add(new Violation("afterSequence", "'" + afterSequence + "' is not a whole number"));
            }
            if (key == null) {
                violations.add(new Violation("afterSequence", "needs a partitionKey: sequences are per partition"));
            }
        }
        int max = DEFAULT_LIMIT;
        if (blankToNull(limit) != null) {
            try {
                max = Integer.parseInt(limit.trim());
                if (max < 1 || max > MAX_LIMIT) {
                    violations.add(new Violation("limit", "must be between 1 and " + MAX_LIMIT + ", was " + max));
                }
            } catch (NumberFormatException e) {
                violations.add(new Violation("limit", "'" + limit + "' is not a whole number"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("invalid query: "
                    + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")), violations);
        }
        return reader.query(new EntryQuery(ip, key, minLevel, fromInstant, toInstant, after, max));
    }

    public long count() {
        return reader.count();
    }

    private static Instant instant(String name, String value, List<Violation> violations) {
        String v = blankToNull(value);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            violations.add(new Violation(name,
                    "'" + v + "' is not an ISO-8601 instant such as 2026-01-31T12:00:00Z or 2026-01-31T13:00:00+01:00"));
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
