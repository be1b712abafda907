package com.logprocessor.gateway.ingest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Kafka could not take the logs in time: 503, and the client should retry. */
@ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
public class IngestUnavailableException extends RuntimeException {

    public IngestUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
