package com.logprocessor.support.web;

import com.logprocessor.core.entry.Violation;
import java.util.List;
import java.util.stream.Collectors;

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

    /** "{@code what}: v1; v2", listing every violation in the detail too. */
    public static InvalidRequestException of(String what, List<Violation> violations) {
        return new InvalidRequestException(what + ": "
                + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")), violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
