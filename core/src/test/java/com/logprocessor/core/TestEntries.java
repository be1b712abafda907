package com.logprocessor.core;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.core.version.LamportVersion;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/** Random but valid entries for tests. */
public final class TestEntries {

    private TestEntries() {
    }

    public static LogEntry random(SplittableRandom r, String partitionKey, long sequence) {
        return new LogEntry(
                new UUID(r.nextLong(), r.nextLong()),
                partitionKey,
                sequence,
                Instant.ofEpochSecond(1_700_000_000L + r.nextInt(10_000_000), r.nextInt(1_000_000_000)),
                LogLevel.values()[r.nextInt(LogLevel.values().length)],
                "10.0." + r.nextInt(256) + "." + r.nextInt(256),
                "svc-" + r.nextInt(10),
                "message " + r.nextLong(),
                r.nextBoolean() ? Map.of() : Map.of("k" + r.nextInt(5), "v" + r.nextInt(100)),
                new LamportVersion(1 + r.nextInt(1000), "coordinator-" + r.nextInt(3)));
    }

    public static LogEntry valid(String partitionKey, long sequence) {
        return random(new SplittableRandom(sequence * 31 + partitionKey.hashCode()), partitionKey, sequence);
    }
}
