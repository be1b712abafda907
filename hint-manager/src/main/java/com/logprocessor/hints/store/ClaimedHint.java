package com.logprocessor.hints.store;

import java.util.UUID;

/**
 * A due hint locked by the current transaction for sending.
 *
 * @param id the row id (arrival order)
 * @param attempts failed attempts so far
 * @param entry the encoded entry, sent as is
 */
public record ClaimedHint(long id, UUID entryId, int attempts, byte[] entry) {
}
