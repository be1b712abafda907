package com.logprocessor.storage.repair;

import com.logprocessor.support.web.ProblemException;
import com.logprocessor.support.web.ProblemTypes;
import org.springframework.http.HttpStatus;

/** A verification was requested while one is running: answered 409. */
public class VerificationRunningException extends ProblemException {

    public VerificationRunningException() {
        super(HttpStatus.CONFLICT, "Conflict", ProblemTypes.CONFLICT,
                "a digest verification is already running on this node; try again when it has finished");
    }
}
