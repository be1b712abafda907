package com.logprocessor.coordinator.replication;

import com.logprocessor.core.consistency.ConsistencyLevel;
import com.logprocessor.core.entry.LogEntry;

/**
 * An entry placed on the ring (it has its sequence and version) with the consistency level its
 * write must meet, and when it was accepted (Kafka's record time), to measure ingest → durable.
 */
public record Placement(LogEntry entry, ConsistencyLevel consistency, long acceptedAtMillis) {
}
