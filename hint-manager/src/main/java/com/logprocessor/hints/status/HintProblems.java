package com.logprocessor.hints.status;

import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The status endpoints read PostgreSQL on every request: when it cannot answer, that is a 503
 * problem document saying so (the caller may retry), not a 500. Everything else is the shared
 * {@code ProblemResponses}.
 */
@RestControllerAdvice(basePackages = "com.logprocessor.hints")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class HintProblems {

    static final URI UNAVAILABLE = URI.create("urn:logstorage:problem:unavailable");

    private static final Logger log = LoggerFactory.getLogger(HintProblems.class);

    @ExceptionHandler(DataAccessException.class)
    public ResponseEntity<ProblemDetail> databaseUnavailable(DataAccessException e) {
        log.warn("The hints database did not answer: {}", e.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the hints database did not answer; try again shortly");
        problem.setType(UNAVAILABLE);
        problem.setTitle("Hints database unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem);
    }
}
