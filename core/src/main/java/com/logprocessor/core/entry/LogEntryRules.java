package com.logprocessor.core.entry;

import com.google.common.base.Utf8;
import com.google.common.net.InetAddresses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The design's rules for a log entry, checked in one place for every service. A submission (what
 * the gateway accepts) needs a partition key, a level and a 1 B to 64 KiB message; a stored entry
 * (what a storage node accepts) also needs its id, timestamp, sequence and version.
 */
public final class LogEntryRules {

    public static final int MAX_PARTITION_KEY_CHARS = 256;
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;
    public static final int MAX_ATTRIBUTES = 64;
    public static final int MAX_SERVICE_CHARS = 256;
    public static final int MAX_ATTRIBUTE_KEY_CHARS = 256;
    public static final int MAX_ATTRIBUTE_VALUE_CHARS = 8 * 1024;

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
        // Cheap bound first: a string of n chars encodes to at most 3n bytes.
        if ((long) message.length() * 3 <= MAX_MESSAGE_BYTES) {
            return;
        }
        try {
            int bytes = Utf8.encodedLength(message);
            if (bytes > MAX_MESSAGE_BYTES) {
                out.add(new Violation("message",
                        "must be at most " + MAX_MESSAGE_BYTES + " bytes (64 KiB) in UTF-8, was " + bytes));
            }
        } catch (IllegalArgumentException unpairedSurrogate) {
            out.add(new Violation("message", "is not valid Unicode (unpaired surrogate)"));
        }
    }

    private static void checkSourceIp(String ip, List<Violation> out) {
        // Only literal IPv4/IPv6 addresses: no DNS lookup, no zone ids.
        if (ip != null && (ip.isBlank() || ip.contains("%") || !InetAddresses.isInetAddress(ip))) {
            out.add(new Violation("sourceIp", "'" + abbreviate(ip) + "' is not an IPv4 or IPv6 address"));
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
                out.add(new Violation("attributes." + abbreviate(a.getKey()),
                        "must be a string of at most " + MAX_ATTRIBUTE_VALUE_CHARS + " characters"));
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
