package com.logprocessor.support.security;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The cluster's shared secret as a service sends it on every call to another service, in
 * {@value #HEADER}. Absent (null) when none is configured, e.g. with security off: then nothing
 * is sent, and a service that requires it answers 401.
 */
public record InternalToken(String value) {

    public static final String HEADER = "X-Internal-Token";
    public static final InternalToken NONE = new InternalToken(null);

    /** Adds the header to an outgoing request (JDK HttpClient). */
    public HttpRequest.Builder sign(HttpRequest.Builder request) {
        return value == null ? request : request.header(HEADER, value);
    }

    /** Whether a presented token is this one, in time that does not depend on where they differ. */
    public boolean matches(String presented) {
        return value != null && presented != null && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    public boolean isPresent() {
        return value != null;
    }

    @Override
    public String toString() {
        return value == null ? "InternalToken[none]" : "InternalToken[set]";
    }
}
