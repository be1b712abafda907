package com.logprocessor.hints.testing;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryCodec;
import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.core.version.LamportVersion;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Placed entries as a coordinator would send them in hints. */
public final class Hints {

    private Hints() {
    }

    /** A placed entry: id, key, sequence, version set. */
    public static LogEntry entry(UUID id, String key, long sequence, long versionCounter, String writer) {
        return new LogEntry(id, key, sequence, Instant.now(), LogLevel.INFO, null, "svc", "message " + sequence,
                Map.of(), new LamportVersion(versionCounter, writer));
    }

    public static LogEntry entry(String key, long sequence) {
        return entry(UUID.randomUUID(), key, sequence, 1, "coordinator-1");
    }

    public static byte[] encode(LogEntry e) {
        return LogEntryCodec.encode(e);
    }

    /** A node id no other test uses. */
    public static String node(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
