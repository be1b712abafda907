package com.logprocessor.core.query;

import com.logprocessor.core.consistency.ConsistencyLevel;
import com.logprocessor.core.entry.LogEntryRules;
import com.logprocessor.core.entry.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * A read of one entry ({@code GET /api/read/{partitionKey}/{sequence}}), parsed from request
 * parameters by the same rules at the gateway and the coordinator.
 *
 * @param partitionKey 1 to {@link LogEntryRules#MAX_PARTITION_KEY_CHARS} characters, no U+0000 ({@link PartitionKeys})
 * @param sequence at least 1
 * @param consistency how many replicas must answer, or null for the reader's default
 * @param repair when stale replicas found by the read are repaired
 */
public record EntryRead(String partitionKey, long sequence, ConsistencyLevel consistency, RepairMode repair) {

    /** A parsed read, or every rule it broke (then {@code read} is null). */
    public record Parsed(EntryRead read, List<Violation> violations) {

        public boolean isValid() {
            return violations.isEmpty();
        }
    }

    public static Parsed parse(String partitionKey, String sequence, String consistency, String repair) {
        List<Violation> violations = new ArrayList<>();
        violations.addAll(PartitionKeys.check("partitionKey", partitionKey));
        Long seq = LogQuery.parseSequence(sequence, violations);
        ConsistencyLevel cl = ConsistencyLevel.parameter(consistency, violations);
        RepairMode mode = null;
        try {
            mode = RepairMode.parse(repair);
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("repair", e.getMessage()));
        }
        if (!violations.isEmpty()) {
            return new Parsed(null, List.copyOf(violations));
        }
        return new Parsed(new EntryRead(partitionKey, seq, cl, mode), List.of());
    }
}
