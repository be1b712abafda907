package com.logprocessor.storage.testing;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.core.version.LamportVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Valid placed entries for tests, each test on partition keys of its own. */
public final class Entries {

    private Entries() {
    }

    /** A partition key no other test uses. */
    public static String partition(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static LogEntry entry(String partitionKey, long sequence) {
        return new LogEntry(UUID.randomUUID(), partitionKey, sequence,
                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(sequence).plusNanos(123_456_789),
                LogLevel.INFO, "10.1.2.3", "checkout", "message " + sequence + " of " + partitionKey,
                sequence % 2 == 0 ? Map.of("trace", "t-" + sequence, "user", "u" + sequence) : Map.of(),
                new LamportVersion(1, "coordinator-1"));
    }

    public static List<LogEntry> range(String partitionKey, long first, long last) {
        List<LogEntry> out = new ArrayList<>();
        for (long s = first; s <= last; s++) {
            out.add(entry(partitionKey, s));
        }
        return out;
    }

    public static LogEntry withVersion(LogEntry e, long counter, String writer) {
        return e.withVersion(new LamportVersion(counter, writer));
    }

    public static LogEntry withMessage(LogEntry e, String message) {
        return new LogEntry(e.id(), e.partitionKey(), e.sequence(), e.timestamp(), e.level(), e.sourceIp(),
                e.service(), message, e.attributes(), e.version());
    }
}
