package com.logprocessor.it.support;

/** Reads counters from a service's /actuator/prometheus page. */
public final class Metrics {

    private Metrics() {
    }

    /** Sum of a metric's samples whose label set contains every fragment (e.g. {@code outcome="written"}). */
    public static double sum(String serviceUrl, String metric, String... labelFragments) {
        double total = 0;
        for (String line : Http.get(serviceUrl + "/actuator/prometheus").body().split("\n")) {
            if (!line.startsWith(metric + "{") && !line.startsWith(metric + " ")) {
                continue;
            }
            boolean match = true;
            for (String f : labelFragments) {
                match &= line.contains(f);
            }
            if (match) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    /** Entries the coordinator wrote (consistency level met) since it started. */
    public static double written() {
        return sum(TestCluster.coordinatorUrl(), "coordinator_writes_total", "outcome=\"written\"");
    }
}
