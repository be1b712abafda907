package com.logprocessor.hints.status;

import com.logprocessor.support.web.ProblemException;
import com.logprocessor.support.web.ProblemTypes;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * The status endpoints read PostgreSQL on every request: when it cannot answer, that is a 503
 * saying so, with {@code Retry-After} (the caller may retry), not a 500.
 */
public class HintsDatabaseUnavailableException extends ProblemException {

    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    public HintsDatabaseUnavailableException(Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "Hints database unavailable", ProblemTypes.UNAVAILABLE,
                "the hints database did not answer; try again shortly", cause);
        retryAfter(RETRY_AFTER);
    }
}
