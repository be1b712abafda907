package com.logprocessor.merkle.tree;

import com.logprocessor.core.entry.LogEntryRules;
import com.logprocessor.core.entry.Violation;
import java.util.List;

/** The rules for a partition id in a request: a partition key as the log entry's rules have it. */
public final class PartitionIds {

    private PartitionIds() {
    }

    public static List<Violation> check(String field, String value) {
        if (value == null || value.isBlank()) {
            return List.of(new Violation(field, "is required: the partition key whose trees to build"));
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
