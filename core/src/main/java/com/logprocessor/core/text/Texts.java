package com.logprocessor.core.text;

/** Text helpers for messages that quote what a client or a remote sent. */
public final class Texts {

    private Texts() {
    }

    /**
     * {@code s} cut to at most {@code maxChars} characters, the cut marked with "...", so a message
     * quoting a client's value (or a remote's answer) stays readable however long it was; null is "".
     */
    public static String abbreviate(String s, int maxChars) {
        if (maxChars < 4) {
            throw new IllegalArgumentException("maxChars must be at least 4, was " + maxChars);
        }
        if (s == null) {
            return "";
        }
        return s.length() <= maxChars ? s : s.substring(0, maxChars - 3) + "...";
    }
}
