package com.logprocessor.storage.query;

/** No entry at the requested key: answered 404. */
public class EntryNotFoundException extends RuntimeException {

    public EntryNotFoundException(String partitionKey, long sequence) {
        super("no entry is stored at partition key '" + partitionKey + "', sequence " + sequence);
    }
}
