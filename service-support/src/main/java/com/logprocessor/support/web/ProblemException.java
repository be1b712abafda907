package com.logprocessor.support.web;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * An answer other than success that a service decides on (not found, unavailable, timed out,
 * conflict), thrown from anywhere and rendered once by {@link ProblemResponses} as RFC 9457
 * problem+json, with {@code Retry-After} when the client should try again later. A service's own
 * exception extends this with its status, title and {@link ProblemTypes type}, so the shared
 * advice maps it without a handler of the service's own.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final URI type;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private Duration retryAfter;

    public ProblemException(HttpStatus status, String title, String detail) {
        this(status, title, null, detail);
    }

    public ProblemException(HttpStatus status, String title, URI type, String detail) {
        this(status, title, type, detail, null);
    }

    public ProblemException(HttpStatus status, String title, URI type, String detail, Throwable cause) {
        // Without a cause, the cause stays unset (not null) so that a subclass may still initCause.
        super(detail);
        if (cause != null) {
            initCause(cause);
        }
        this.status = status;
        this.title = title;
        this.type = type;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(HttpStatus.NOT_FOUND, "Not found", detail);
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Unavailable", detail);
    }

    /** Adds a property to the problem body (e.g. which replicas answered). */
    public ProblemException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public ProblemException retryAfter(Duration wait) {
        this.retryAfter = wait;
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public ProblemDetail toProblem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setTitle(title);
        if (type != null) {
            problem.setType(type);
        }
        properties.forEach(problem::setProperty);
        return problem;
    }
}
