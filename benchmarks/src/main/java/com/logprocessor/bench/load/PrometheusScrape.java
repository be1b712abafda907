package com.logprocessor.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few numbers the load generator reads from a Prometheus text page, summed over labels. */
final class PrometheusScrape {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})?\\s+(\\S+)");
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    private final String text;

    PrometheusScrape(String text) {
        this.text = text == null ? "" : text;
    }

    /** Sum of a metric's samples whose labels contain all of {@code labelFragments}. */
    double sum(String metric, String... labelFragments) {
        double total = 0;
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (m.find() && m.group(1).equals(metric) && matches(m.group(3), labelFragments)) {
                total += parse(m.group(4));
            }
        }
        return total;
    }

    /** A histogram's cumulative bucket counts by upper bound (seconds), summed over other labels. */
    TreeMap<Double, Double> buckets(String histogram) {
        TreeMap<Double, Double> out = new TreeMap<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (m.find() && m.group(1).equals(histogram + "_bucket") && m.group(3) != null) {
                Matcher le = LE.matcher(m.group(3));
                if (le.find()) {
                    double bound = le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
                    out.merge(bound, parse(m.group(4)), Double::sum);
                }
            }
        }
        return out;
    }

    /** The upper bound of the bucket holding quantile {@code q} of the counts in {@code after - before}. */
    static double quantile(Map<Double, Double> before, TreeMap<Double, Double> after, double q) {
        double total = after.lastEntry() == null ? 0
                : after.lastEntry().getValue() - before.getOrDefault(after.lastKey(), 0.0);
        if (total <= 0) {
            return Double.NaN;
        }
        for (Map.Entry<Double, Double> b : after.entrySet()) {
            if (b.getValue() - before.getOrDefault(b.getKey(), 0.0) >= q * total) {
                return b.getKey();
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private static boolean matches(String labels, String[] fragments) {
        for (String f : fragments) {
            if (labels == null || !labels.contains(f)) {
                return false;
            }
        }
        return true;
    }

    private static double parse(String v) {
        return switch (v) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(v);
        };
    }
}
