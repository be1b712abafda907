package com.logprocessor.core.entry;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Severity of a log entry, least to most severe. */
public enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR, FATAL;

    /** The level when a client gives none. */
    public static final LogLevel DEFAULT = INFO;

    /** Parses a level case-insensitively; the message lists the valid names. */
    public static LogLevel parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown level '" + value + "'; use one of "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")), e);
        }
    }
}
