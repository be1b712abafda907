package com.logprocessor.it.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the metric names a PromQL expression reads. Not a parser: it removes what cannot be a
 * metric name (strings, label matchers, ranges, grouping labels, Grafana variables) and keeps the
 * identifiers that are not functions or keywords. Good enough for dashboard queries; tested in
 * {@link PromQlTest}.
 */
final class PromQl {

    private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern GROUPING = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern VARIABLES = Pattern.compile("\\$\\{?\\w+}?");
    /** An identifier not preceded by a word character or '.', and not followed by '(' (a function). */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(?!\\s*\\()");
    private static final Set<String> KEYWORDS = Set.of(
            "and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring",
            "group_left", "group_right", "inf", "nan", "atan2", "start", "end");
    /** Grafana's variable queries: label_values(metric, label) or label_values(label). */
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*?)(?:,\\s*\\w+)?\\)\\s*$");

    private PromQl() {
    }

    static Set<String> metricNames(String expression) {
        String e = STRINGS.matcher(expression).replaceAll("\"\"");
        e = LABEL_MATCHERS.matcher(e).replaceAll(" ");
        e = RANGES.matcher(e).replaceAll(" ");
        e = GROUPING.matcher(e).replaceAll(" ");
        e = VARIABLES.matcher(e).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(e);
        while (m.find()) {
            String name = m.group(1);
            if (!KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    /** Metric names in a Grafana variable query ({@code label_values(...)}, or plain PromQL). */
    static Set<String> metricNamesOfVariableQuery(String query) {
        Matcher m = LABEL_VALUES.matcher(query);
        if (m.matches()) {
            String inner = m.group(1).trim();
            // label_values(instance) names only a label.
            return inner.matches("\\w+") && !query.contains(",") ? Set.of() : metricNames(inner);
        }
        return metricNames(query);
    }
}
