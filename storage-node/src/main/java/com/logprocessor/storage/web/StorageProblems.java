package com.logprocessor.storage.web;

import com.logprocessor.core.entry.Violation;
import com.logprocessor.storage.query.EntryNotFoundException;
import com.logprocessor.storage.repair.VerificationRunningException;
import com.logprocessor.storage.store.WriteConflictException;
import com.logprocessor.support.web.PayloadTooLargeException;
import com.logprocessor.support.web.ProblemResponses;
import java.net.URI;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;

/**
 * The storage node's own problem types, and, for a body that is not a valid entry, the violation
 * at its JSON path (the batch contract lists violations as {@code entries[i].field}), e.g.
 * {@code entries[3].level: Cannot deserialize value of type LogLevel from String "LOUD"}.
 * Ordered before the shared {@link ProblemResponses}, which handles everything else.
 */
@RestControllerAdvice(basePackages = "com.logprocessor.storage")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StorageProblems {

    static final URI NOT_FOUND = URI.create("urn:logstorage:problem:not-found");
    static final URI CONFLICT = URI.create("urn:logstorage:problem:conflict");

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PayloadTooLargeException tooLarge) {
                // The shared request size limit cut the body off: the shared 413 answer.
                return problem(HttpStatus.CONTENT_TOO_LARGE, URI.create("about:blank"), "Request too large",
                        tooLarge.getMessage());
            }
        }
        Violation violation = describe(e);
        return ResponseEntity.badRequest().body(ProblemResponses.invalidRequest(
                "the request body is not valid JSON for this endpoint; nothing was stored: " + violation,
                List.of(violation)));
    }

    @ExceptionHandler(EntryNotFoundException.class)
    public ResponseEntity<ProblemDetail> notFound(EntryNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler({WriteConflictException.class, VerificationRunningException.class})
    public ResponseEntity<ProblemDetail> conflict(RuntimeException e) {
        return problem(HttpStatus.CONFLICT, CONFLICT, "Conflict", e.getMessage());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }

    private static Violation describe(HttpMessageNotReadableException e) {
        Throwable t = e;
        while (t != null && !(t instanceof JacksonException)) {
            t = t.getCause() == t ? null : t.getCause();
        }
        if (!(t instanceof JacksonException jackson)) {
            return new Violation("body", e.getMessage() == null ? "is missing or unreadable" : e.getMessage());
        }
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : jackson.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        String reason = jackson.getOriginalMessage();
        // A record constructor's own check (e.g. LamportVersion's) is the clearest reason there is.
        Throwable cause = jackson.getCause();
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            reason = cause.getMessage();
        }
        if (reason != null) {
            reason = reason.lines().findFirst().orElse(reason);
            if (reason.length() > 300) {
                reason = reason.substring(0, 297) + "...";
            }
        }
        return new Violation(path.isEmpty() ? "body" : path.toString(), reason == null ? "is not readable" : reason);
    }
}
