package com.logprocessor.storage.store;

import com.logprocessor.support.web.ProblemException;
import com.logprocessor.support.web.ProblemTypes;
import org.springframework.http.HttpStatus;

/** A write that could not be applied because of concurrent writes (answered 409; safe to retry). */
public class WriteConflictException extends ProblemException {

    public WriteConflictException(String message, Throwable cause) {
        super(HttpStatus.CONFLICT, "Conflict", ProblemTypes.CONFLICT, message, cause);
    }
}
