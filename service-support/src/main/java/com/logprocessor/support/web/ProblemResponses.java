package com.logprocessor.support.web;

import com.logprocessor.core.entry.Violation;
import com.logprocessor.core.text.Texts;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * The one mapping of exceptions to RFC 9457 problem details, for every service: Spring MVC's own
 * errors (malformed JSON, missing parameters, wrong method or media type, no such path) come from
 * {@link ResponseEntityExceptionHandler}; rule violations list each broken rule under
 * {@code errors}; a service's own answers are {@link ProblemException}s (or subclasses carrying
 * their status and type), so no service needs a handler of its own. Anything a client sent gets
 * a 4xx, never a 500. Errors that never reach a handler are answered in the same shape by the
 * {@code com.logprocessor.support.web.container} package.
 *
 * <p>Every problem written names its {@code type}, {@code about:blank} included (Spring leaves
 * that one out), so each answer has the same fields whichever part of the stack wrote it, and
 * its detail never holds a control character.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
public class ProblemResponses extends ResponseEntityExceptionHandler implements ResponseBodyAdvice<Object> {

    public static final URI INVALID_REQUEST = ProblemTypes.INVALID_REQUEST;
    public static final URI ABOUT_BLANK = URI.create("about:blank");

    /** Longest reason quoted from a JSON reader's message (Jackson's can quote the whole input). */
    private static final int MAX_REASON = 300;

    @ExceptionHandler(InvalidRequestException.class)
    public ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
        return ResponseEntity.badRequest().body(invalidRequest(e.getMessage(), e.violations()));
    }

    @ExceptionHandler(ProblemException.class)
    public ResponseEntity<ProblemDetail> problem(ProblemException e) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
        if (e.retryAfter() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())));
        }
        return answer.body(e.toProblem());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        // The value is the client's, as sent (a %00 in the query arrives as NUL): quoted printable.
        String reason = ProblemJson.printable(rootMessage(e));
        String detail = "parameter '" + e.getName() + "' has an invalid value '"
                + ProblemJson.printable(String.valueOf(e.getValue())) + "'"
                + (e.getCause() != null && e.getCause().getMessage() != null ? ": " + reason : "");
        return ResponseEntity.badRequest()
                .body(invalidRequest(detail, List.of(new Violation(e.getName(), reason))));
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    public ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        problem.setTitle("Request too large");
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
    }

    /**
     * The answer for one of the services' own exceptions anywhere in {@code failure}'s causes, or
     * null: for a failure that reached the error page instead of a handler (thrown by a filter).
     */
    public ResponseEntity<ProblemDetail> known(Throwable failure) {
        ProblemException problem = findCause(failure, ProblemException.class);
        if (problem != null) {
            return problem(problem);
        }
        InvalidRequestException invalid = findCause(failure, InvalidRequestException.class);
        if (invalid != null) {
            return invalid(invalid);
        }
        PayloadTooLargeException tooLarge = findCause(failure, PayloadTooLargeException.class);
        if (tooLarge != null) {
            return tooLarge(tooLarge);
        }
        if (causedBy(failure, "org.apache.tomcat.util.http.InvalidParameterException")) {
            // Tomcat parses the query (or a form) when it is first read; a value whose percent-encoding
            // is not UTF-8, or too many parameters, is the client's mistake, not the service's.
            return ResponseEntity.badRequest().body(invalidRequest("the query string (or form) is not valid: a "
                    + "percent-encoded value is not UTF-8, or there are too many parameters", List.of()));
        }
        return null;
    }

    /** Whether a cause of {@code e} is of the class named (by name: the class may not be on every service's path). */
    private static boolean causedBy(Throwable e, String className) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Says what is wrong with the JSON, and where (the batch contracts name violations by JSON
     * path, e.g. {@code entries[3].level}), instead of Spring's generic "Failed to read request".
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        PayloadTooLargeException tooLarge = findCause(e, PayloadTooLargeException.class);
        if (tooLarge != null) {
            // The request size limit cut the body off while it was being read.
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(tooLarge).getBody());
        }
        Violation violation = describe(e);
        String detail = (findCause(e, JacksonException.class) != null
                ? "the request body is not valid JSON for this endpoint: "
                : "the request body is not readable for this endpoint: ")
                + (violation.field().equals("body") ? violation.message() : violation.toString());
        return ResponseEntity.badRequest().body(invalidRequest(detail, List.of(violation)));
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem) {
            if (problem.getType() == null) {
                problem.setType(ABOUT_BLANK);
            }
            // A detail may quote what the client sent; a control character in it is never echoed.
            problem.setDetail(ProblemJson.withoutControls(problem.getDetail()));
        }
        return body;
    }

    /** A 400 problem listing violations as {@code errors: [{field, message}]}. */
    public static ProblemDetail invalidRequest(String detail, List<Violation> violations) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setType(ProblemTypes.INVALID_REQUEST);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", violations.stream()
                .map(v -> Map.of("field", v.field(), "message", v.message()))
                .toList());
        return problem;
    }

    /**
     * The unreadable body as a violation at its JSON path ({@code body} when there is none). A
     * reader other than Jackson (the storage wire format's) says what is wrong in its message.
     */
    static Violation describe(HttpMessageNotReadableException e) {
        JacksonException jackson = findCause(e, JacksonException.class);
        if (jackson == null) {
            return new Violation("body", firstLine(e.getMessage() == null ? rootMessage(e) : e.getMessage()));
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
        if (jackson.getCause() instanceof IllegalArgumentException check && check.getMessage() != null) {
            reason = check.getMessage();
        }
        return new Violation(path.isEmpty() ? "body" : path.toString(),
                reason == null ? "is not readable" : firstLine(reason));
    }

    private static String firstLine(String text) {
        return Texts.abbreviate(text.lines().findFirst().orElse(text), MAX_REASON);
    }

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
