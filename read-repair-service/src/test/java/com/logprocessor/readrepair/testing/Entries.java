package com.logprocessor.readrepair.testing;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.core.version.LamportVersion;
import com.logprocessor.support.kafka.ReadRepairRecords.ReadRepairRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Placed entries, and requests as a coordinator would publish them. */
public final class Entries {

    private Entries() {
    }

    /** A placed entry at version {@code counter@writer}. */
    public static LogEntry entry(UUID id, String key, long sequence, long counter, String writer) {
        return new LogEntry(id, key, sequence, Instant.parse("2026-11-29T10:00:00Z"), LogLevel.INFO, null, "svc",
                "message " + sequence + " v" + counter, Map.of(), new LamportVersion(counter, writer));
    }

    public static ReadRepairRequest request(String key, long sequence, LamportVersion newest, String... staleNodes) {
        return new ReadRepairRequest(key, sequence, newest, List.of(staleNodes), "read", System.currentTimeMillis());
    }

    public static LamportVersion version(long counter) {
        return new LamportVersion(counter, "coordinator-1");
    }

    /** A name no other test uses. */
    public static String unique(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
