package com.logprocessor.support.web;

import java.net.URI;

/**
 * The problem {@code type}s the services answer with besides {@code about:blank}, in one place so a
 * client can switch on them whichever service answered.
 */
public final class ProblemTypes {

    /** A request that breaks the rules; the problem lists each broken rule under {@code errors}. */
    public static final URI INVALID_REQUEST = URI.create("urn:logstorage:problem:invalid-request");
    public static final URI NOT_FOUND = URI.create("urn:logstorage:problem:not-found");
    public static final URI CONFLICT = URI.create("urn:logstorage:problem:conflict");
    /** A dependency (a database) did not answer: retry after {@code Retry-After}. */
    public static final URI UNAVAILABLE = URI.create("urn:logstorage:problem:unavailable");
    /** The service sheds load (429): too much in flight, or the client's rate limit; retry after {@code Retry-After}. */
    public static final URI OVERLOADED = URI.create("urn:logstorage:problem:overloaded");
    /** No credential, or one that is not valid (401): send {@code X-API-Key} (or {@code X-Internal-Token} between services). */
    public static final URI UNAUTHORIZED = URI.create("urn:logstorage:problem:unauthorized");
    /** A valid credential whose role may not call this endpoint (403). */
    public static final URI FORBIDDEN = URI.create("urn:logstorage:problem:forbidden");

    private ProblemTypes() {
    }
}
