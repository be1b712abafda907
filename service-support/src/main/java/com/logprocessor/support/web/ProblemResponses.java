package com.logprocessor.support.web;

import com.logprocessor.core.entry.Violation;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * RFC 9457 problem details for every service: Spring MVC's own errors (malformed JSON, missing
 * parameters, wrong media type, too large) come from {@link ResponseEntityExceptionHandler}; rule
 * violations list each broken rule under {@code errors}. Anything a client sent gets a 4xx, never
 * a 500.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    public static final URI INVALID_REQUEST = URI.create("urn:logstorage:problem:invalid-request");

    @ExceptionHandler(InvalidRequestException.class)
    public ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
        return ResponseEntity.badRequest().body(invalidRequest(e.getMessage(), e.violations()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String detail = "parameter '" + e.getName() + "' has an invalid value '" + e.getValue() + "'"
                + (e.getCause() != null && e.getCause().getMessage() != null ? ": " + rootMessage(e) : "");
        return ResponseEntity.badRequest()
                .body(invalidRequest(detail, List.of(new Violation(e.getName(), rootMessage(e)))));
    }

    /** A 400 problem listing violations as {@code errors: [{field, message}]}. */
    public static ProblemDetail invalidRequest(String detail, List<Violation> violations) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(INVALID_REQUEST);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", violations.stream()
                .map(v -> Map.of("field", v.field(), "message", v.message()))
                .toList());
        return problem;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
