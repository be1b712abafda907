package com.logprocessor.gateway.ingest;

import com.logprocessor.support.web.ProblemException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/** Kafka could not take the logs in time: 503 with {@code Retry-After}, and the client should send them again. */
public class IngestUnavailableException extends ProblemException {

    public IngestUnavailableException(String message, Throwable cause, Duration retryAfter) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "Ingest unavailable", null, message, cause);
        with("retryable", true);
        retryAfter(retryAfter);
    }
}
