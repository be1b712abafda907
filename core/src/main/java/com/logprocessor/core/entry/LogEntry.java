package com.logprocessor.core.entry;

import com.logprocessor.core.version.LamportVersion;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A log entry, as every service sees it. {@code sequence} is 0 and {@code version} null until the
 * coordinator places the entry (the gateway publishes entries in that state); a stored entry has
 * both. Validity is checked by {@link LogEntryRules}, not here, so that a bad entry can be reported
 * with every rule it breaks.
 *
 * <p>Attributes are kept sorted by key, so equal entries are equal and hash alike.
 */
public record LogEntry(
        UUID id,
        String partitionKey,
        long sequence,
        Instant timestamp,
        LogLevel level,
        String sourceIp,
        String service,
        String message,
        Map<String, String> attributes,
        LamportVersion version) {

    public LogEntry {
        attributes = attributes == null || attributes.isEmpty()
                ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    /**
     * The ring key of an entry: the client's {@code partitionId} if it gave one, else the source
     * IP, else the service; {@code null} when all three are absent or blank.
     */
    public static String partitionKeyOf(String partitionId, String sourceIp, String service) {
        if (partitionId != null && !partitionId.isBlank()) {
            return partitionId;
        }
        if (sourceIp != null && !sourceIp.isBlank()) {
            return sourceIp;
        }
        if (service != null && !service.isBlank()) {
            return service;
        }
        return null;
    }

    /** The entry placed at {@code sequence} with {@code version} (done by the coordinator). */
    public LogEntry placed(long sequence, LamportVersion version) {
        return new LogEntry(id, partitionKey, sequence, timestamp, level, sourceIp, service, message,
                attributes, version);
    }

    /** The same entry stamped with a new version (a rewrite by repair or an update). */
    public LogEntry withVersion(LamportVersion newVersion) {
        return placed(sequence, newVersion);
    }

    /** Whether the coordinator has placed the entry (it has a sequence and a version). */
    public boolean hasPlacement() {
        return sequence > 0 && version != null;
    }
}
