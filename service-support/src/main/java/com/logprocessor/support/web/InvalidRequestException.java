package com.logprocessor.support.web;

import com.logprocessor.core.entry.Violation;
import java.util.List;

/**
 * A request that breaks the rules: answered 400 with every violation listed, and nothing stored.
 * Thrown by controllers and application services after validating input with core's rules.
 */
public class InvalidRequestException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidRequestException(String summary, List<Violation> violations) {
        super(summary);
        this.violations = List.copyOf(violations);
    }

    public InvalidRequestException(Violation violation) {
        this(violation.toString(), List.of(violation));
    }

    public List<Violation> violations() {
        return violations;
    }
}
