package com.logprocessor.hints.store;

import java.util.UUID;

/**
 * A hint to store: the entry as the coordinator encoded it, and the fields of it the table indexes
 * and compares (decoded once on intake, never re-encoded).
 *
 * @param createdAtMillis when the coordinator found the write missed (the Kafka record time)
 */
public record NewHint(String targetNode, UUID entryId, String partitionKey, long sequence, long versionCounter,
                      String versionWriter, byte[] entry, long createdAtMillis) {
}
