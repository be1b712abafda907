package com.logprocessor.storage.repair;

/** A verification was requested while one is running: answered 409. */
public class VerificationRunningException extends RuntimeException {

    public VerificationRunningException() {
        super("a digest verification is already running on this node; try again when it has finished");
    }
}
