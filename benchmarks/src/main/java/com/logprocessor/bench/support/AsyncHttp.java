package com.logprocessor.bench.support;

/** Settings an HTTP load generator needs before it sends anything. */
public final class AsyncHttp {

    private AsyncHttp() {
    }

    /**
     * Sizes the common pool before its first use: with fewer than 3 CPUs the JDK makes it a single
     * thread, and {@code CompletableFuture}'s default executor then starts a new thread per task,
     * which is where the JDK HttpClient completes every {@code sendAsync}: a thread per request,
     * a large share of a generator's CPU. Call first thing in {@code main}.
     */
    public static void sizeCommonPool() {
        System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism",
                System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "4"));
    }
}
