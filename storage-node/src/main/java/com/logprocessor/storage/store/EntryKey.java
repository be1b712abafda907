package com.logprocessor.storage.store;

/** The storage key of an entry: {@code (partitionKey, sequence)}. */
public record EntryKey(String partitionKey, long sequence) {
}
