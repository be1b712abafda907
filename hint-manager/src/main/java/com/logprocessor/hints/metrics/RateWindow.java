package com.logprocessor.hints.metrics;

/**
 * Events per second over the last minute, in one-second buckets: cheap to add to on every batch
 * and to read on a request, with no timer thread.
 */
final class RateWindow {

    static final int SECONDS = 60;

    private final long[] bucketSecond = new long[SECONDS];
    private final long[] bucketCount = new long[SECONDS];
    private final long startSecond;

    RateWindow(long nowMillis) {
        this.startSecond = Math.floorDiv(nowMillis, 1000);
        java.util.Arrays.fill(bucketSecond, Long.MIN_VALUE);
    }

    synchronized void add(long count, long nowMillis) {
        long second = Math.floorDiv(nowMillis, 1000);
        int i = (int) Math.floorMod(second, SECONDS);
        if (bucketSecond[i] != second) {
            bucketSecond[i] = second;
            bucketCount[i] = 0;
        }
        bucketCount[i] += count;
    }

    /**
     * The mean rate over the last minute; over the time since start when that is shorter, so a
     * fresh instance does not report a fraction of its real rate.
     */
    synchronized double perSecond(long nowMillis) {
        long second = Math.floorDiv(nowMillis, 1000);
        long total = 0;
        for (int i = 0; i < SECONDS; i++) {
            long age = second - bucketSecond[i];
            if (age >= 0 && age < SECONDS) {
                total += bucketCount[i];
            }
        }
        long window = Math.max(1, Math.min(SECONDS, second - startSecond + 1));
        return (double) total / window;
    }
}
