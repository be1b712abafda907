package com.logprocessor.core.entry;

import com.google.common.base.Utf8;
import com.google.common.net.InetAddresses;
import com.logprocessor.core.text.Texts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The design's rules for a log entry, checked in one place for every service. A submission (what
 * the gateway accepts) needs a partition key, a level and a 1 B to 64 KiB message; a stored entry
 * (what a storage node accepts) also needs its id, timestamp, sequence and version. Text must be
 * storable as it is everywhere: no U+0000 (PostgreSQL text cannot hold it), no unpaired
 * surrogates, and timestamps within years 0001 to 9999 (ISO-8601's four-digit years), so an
 * entry the gateway accepts is never refused by a storage node.
 */
public final class LogEntryRules {

    public static final int MAX_PARTITION_KEY_CHARS = 256;
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;
    public static final int MAX_ATTRIBUTES = 64;
    public static final int MAX_SERVICE_CHARS = 256;
    public static final int MAX_ATTRIBUTE_KEY_CHARS = 256;
    public static final int MAX_ATTRIBUTE_VALUE_CHARS = 8 * 1024;
    public static final Instant MIN_TIMESTAMP = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant MAX_TIMESTAMP = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private LogEntryRules() {
    }

    /** Rules for an entry a client submits (before it is placed on the ring). */
    public static List<Violation> validateSubmission(LogEntry e) {
        List<Violation> out = new ArrayList<>();
        checkPartitionKey(e.partitionKey(), out);
        if (e.level() == null) {
            out.add(new Violation("level", "is required"));
        }
        checkMessage(e.message(), out);
        checkSourceIp(e.sourceIp(), out);
        if (e.service() != null && e.service().length() > MAX_SERVICE_CHARS) {
            out.add(new Violation("service", "must be at most " + MAX_SERVICE_CHARS + " characters"));
        }
        checkAttributes(e.attributes(), out);
        checkText("partitionKey", e.partitionKey(), out);
        checkText("sourceIp", e.sourceIp(), out);
        checkText("service", e.service(), out);
        if (e.attributes().keySet().stream().anyMatch(k -> !isStorable(k))
                || e.attributes().values().stream().anyMatch(v -> v != null && !isStorable(v))) {
            out.add(new Violation("attributes", "must not contain U+0000 or unpaired surrogates"));
        }
        if (e.timestamp() != null && (e.timestamp().isBefore(MIN_TIMESTAMP) || e.timestamp().isAfter(MAX_TIMESTAMP))) {
            out.add(new Violation("timestamp", "must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z"));
        }
        return out;
    }

    /** Rules for an entry a storage node is asked to store: placed, and complete. */
    public static List<Violation> validateStored(LogEntry e) {
        List<Violation> out = new ArrayList<>();
        if (e.id() == null) {
            out.add(new Violation("id", "is required"));
        }
        if (e.sequence() < 1) {
            out.add(new Violation("sequence", "must be at least 1, was " + e.sequence()));
        }
        if (e.timestamp() == null) {
            out.add(new Violation("timestamp", "is required"));
        }
        if (e.version() == null) {
            out.add(new Violation("version", "is required"));
        } else {
            checkText("version.writerId", e.version().writerId(), out);
        }
        out.addAll(validateSubmission(e));
        return out;
    }

    private static void checkPartitionKey(String key, List<Violation> out) {
        if (key == null || key.isBlank()) {
            out.add(new Violation("partitionKey",
                    "is required: give partitionId, sourceIp or service"));
        } else if (key.length() > MAX_PARTITION_KEY_CHARS) {
            out.add(new Violation("partitionKey",
                    "must be at most " + MAX_PARTITION_KEY_CHARS + " characters, was " + key.length()));
        }
    }

    private static void checkMessage(String message, List<Violation> out) {
        if (message == null || message.isEmpty()) {
            out.add(new Violation("message", "is required and must not be empty"));
            return;
        }
        if (!checkText("message", message, out)) {
            return;
        }
        // Cheap bound first: a string of n chars encodes to at most 3n bytes.
        if ((long) message.length() * 3 > MAX_MESSAGE_BYTES) {
            int bytes = Utf8.encodedLength(message);
            if (bytes > MAX_MESSAGE_BYTES) {
                out.add(new Violation("message",
                        "must be at most " + MAX_MESSAGE_BYTES + " bytes (64 KiB) in UTF-8, was " + bytes));
            }
        }
    }

    /** Adds a violation and returns false if the text cannot be stored as it is. */
    private static boolean checkText(String field, String s, List<Violation> out) {
        if (s == null || isStorable(s)) {
            return true;
        }
        out.add(new Violation(field, "must not contain U+0000 or unpaired surrogates"));
        return false;
    }

    /** No U+0000 and no unpaired surrogate. */
    static boolean isStorable(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    private static void checkSourceIp(String ip, List<Violation> out) {
        // Only literal IPv4/IPv6 addresses: no DNS lookup, no zone ids.
        if (ip != null && (ip.isBlank() || ip.contains("%") || !InetAddresses.isInetAddress(ip))) {
            out.add(new Violation("sourceIp", "'" + Texts.abbreviate(ip, 64) + "' is not an IPv4 or IPv6 address"));
        }
    }

    private static void checkAttributes(Map<String, String> attributes, List<Violation> out) {
        if (attributes.size() > MAX_ATTRIBUTES) {
            out.add(new Violation("attributes",
                    "must have at most " + MAX_ATTRIBUTES + " entries, had " + attributes.size()));
        }
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            if (a.getKey().isBlank() || a.getKey().length() > MAX_ATTRIBUTE_KEY_CHARS) {
                out.add(new Violation("attributes",
                        "keys must be 1 to " + MAX_ATTRIBUTE_KEY_CHARS + " characters"));
                break;
            }
            if (a.getValue() == null || a.getValue().length() > MAX_ATTRIBUTE_VALUE_CHARS) {
                out.add(new Violation("attributes." + Texts.abbreviate(a.getKey(), 64),
                        "must be a string of at most " + MAX_ATTRIBUTE_VALUE_CHARS + " characters"));
            }
        }
    }
}
