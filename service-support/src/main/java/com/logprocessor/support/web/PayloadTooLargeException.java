package com.logprocessor.support.web;

/** A request over a size or count limit: answered 413 with the limit in the detail. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
