package com.logprocessor.support.storage;

/** A storage node answered with an error status, or not at all. */
public class StorageNodeException extends RuntimeException {

    private final int status;

    public StorageNodeException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status, or 0 when the node did not answer. */
    public int status() {
        return status;
    }

    /** Whether asking again may succeed: no answer, or a server-side error. A 4xx will not change. */
    public boolean isRetryable() {
        return status == 0 || status >= 500 || status == 429;
    }
}
