package com.logprocessor.core.query;

import com.logprocessor.core.entry.LogEntryRules;
import com.logprocessor.core.entry.Violation;
import java.util.List;

/**
 * The rules for a partition key named in a request (which partition to build a tree of, to
 * repair…): what a stored entry's key can be, 1 to {@link LogEntryRules#MAX_PARTITION_KEY_CHARS}
 * characters, not blank, without U+0000 (PostgreSQL text cannot hold it).
 */
public final class PartitionKeys {

    private PartitionKeys() {
    }

    /** The violations of {@code value} as the request field {@code field}; empty when it is a valid key. */
    public static List<Violation> check(String field, String value) {
        if (value == null || value.isBlank()) {
            return List.of(new Violation(field, "is required: a partition key"));
        }
        if (value.length() > LogEntryRules.MAX_PARTITION_KEY_CHARS) {
            return List.of(new Violation(field, "must be at most " + LogEntryRules.MAX_PARTITION_KEY_CHARS
                    + " characters, was " + value.length()));
        }
        if (value.indexOf('\0') >= 0) {
            return List.of(new Violation(field, "must not contain U+0000"));
        }
        return List.of();
    }
}
