package com.logprocessor.storage.store;

/** A write that could not be applied because of concurrent writes (answered 409; safe to retry). */
public class WriteConflictException extends RuntimeException {

    public WriteConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
