package com.logprocessor.core.entry;

/** One broken rule: the field (a JSON path such as {@code message} or {@code entries[3].sourceIp}) and why. */
public record Violation(String field, String message) {

    /** The same violation for a field inside element {@code index} of {@code collection}. */
    public Violation inElement(String collection, int index) {
        return new Violation(collection + "[" + index + "]." + field, message);
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
