package com.logprocessor.bench.read;

import com.logprocessor.bench.support.CpuMeter;
import com.logprocessor.bench.support.LoadClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.apache.hc.core5.util.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Latency of {@code GET /api/read/{partitionKey}/{sequence}} through the gateway at a fixed rate
 * (open loop: each request's latency counts from when it was due, so a stall is not hidden by
 * requests that were never sent). The entries read are random sequences of real partitions,
 * listed from a storage node ({@code /api/storage/partitions}). Up to {@code --concurrency} reads
 * are in flight (a blocking client on as many threads); a read due while all are busy waits, and
 * its wait counts in its latency. Not a test: a measurement of a
 * running cluster (start it with {@code ./setup.sh}, fill it with {@code ./load-test.sh}).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar com.logprocessor.bench.read.ReadLatencyBenchmark \
 *     [--gateway http://127.0.0.1:8080] [--node http://127.0.0.1:8082] [--rate 500] [--duration 60s]
 *     [--warmup 15s] [--consistency QUORUM] [--partitions 2000] [--seed 7] [--concurrency 64]
 * </pre>
 */
public final class ReadLatencyBenchmark {

    private record Partition(String key, long maxSequence) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new ConcurrentHashMap<>(Map.of("--gateway", "http://127.0.0.1:8080",
                "--node", "http://127.0.0.1:8082", "--rate", "500", "--duration", "60s", "--warmup", "15s",
                "--consistency", "QUORUM", "--partitions", "2000", "--seed", "7", "--concurrency", "64"));
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || !o.containsKey(args[i]) || i + 1 >= args.length) {
                System.out.println("options (defaults): " + o);
                return;
            }
            o.put(args[i], args[++i]);
        }
        LoadClient http = new LoadClient(Integer.parseInt(o.get("--concurrency")), Timeout.ofSeconds(10));
        JsonMapper json = JsonMapper.builder().build();
        List<Partition> partitions = partitions(http, json, o.get("--node"), Integer.parseInt(o.get("--partitions")));
        long entries = partitions.stream().mapToLong(Partition::maxSequence).sum();
        System.out.printf("Reading random entries of %,d partitions (%,d sequences) at %s%n", partitions.size(),
                entries, o.get("--consistency"));
        int rate = Integer.parseInt(o.get("--rate"));
        Random random = new Random(Long.parseLong(o.get("--seed")));
        System.out.println("Warm-up " + o.get("--warmup") + "...");
        run(http, o, partitions, random, rate, seconds(o.get("--warmup")), false);
        System.out.println("Measuring " + o.get("--duration") + " at " + rate + " reads/s...");
        run(http, o, partitions, random, rate, seconds(o.get("--duration")), true);
    }

    private static void run(LoadClient http, Map<String, String> o, List<Partition> partitions, Random random,
                            int rate, long seconds, boolean report) throws InterruptedException {
        long total = rate * seconds;
        long intervalNanos = 1_000_000_000L / rate;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        LongAdder stale = new LongAdder();
        LongAdder failures = new LongAdder();
        AtomicInteger inFlight = new AtomicInteger();
        CpuMeter cpu = CpuMeter.start();
        long start = System.nanoTime();
        long nextReport = start + 5_000_000_000L;
        for (long i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            Partition p = partitions.get(random.nextInt(partitions.size()));
            long sequence = 1 + (long) (random.nextDouble() * p.maxSequence());
            String url = o.get("--gateway") + "/api/read/" + URLEncoder.encode(p.key(), StandardCharsets.UTF_8)
                    + "/" + sequence + "?consistency=" + o.get("--consistency");
            inFlight.incrementAndGet();
            http.getAsync(url, (response, error) -> {
                        latencies.add(System.nanoTime() - due);
                        inFlight.decrementAndGet();
                        if (error != null) {
                            if (failures.sum() == 0) {
                                System.out.println("first failure: " + error);
                            }
                            failures.increment();
                            return;
                        }
                        statuses.computeIfAbsent(response.status(), s -> new LongAdder()).increment();
                        if (response.status() == 200 && !response.body().contains("\"stale\":[]")) {
                            stale.increment();
                        }
                    });
            if (report && System.nanoTime() > nextReport) {
                nextReport += 5_000_000_000L;
                System.out.printf("  %5.1f s  %,d sent  %d in flight%n", (System.nanoTime() - start) / 1e9, i + 1,
                        inFlight.get());
            }
        }
        while (inFlight.get() > 0) {
            Thread.sleep(10); // only the tail of in-flight requests; the measurement is over
        }
        if (!report) {
            return;
        }
        CpuMeter.Usage used = cpu.stop();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("%,d reads in %.1f s (%.0f/s); statuses %s; failures %d; reads that found a stale replica %d%n",
                sorted.length, elapsed, sorted.length / elapsed, statuses, failures.sum(), stale.sum());
        System.out.printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n", pct(sorted, 50),
                pct(sorted, 90), pct(sorted, 99), pct(sorted, 99.9), sorted[sorted.length - 1] / 1e6);
        System.out.println("CPU: " + used.describe(elapsed, sorted.length, "read"));
    }

    private static double pct(long[] sorted, double p) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static long seconds(String duration) {
        return Duration.parse("PT" + duration.toUpperCase()).toSeconds();
    }

    private static List<Partition> partitions(LoadClient http, JsonMapper json, String node, int wanted)
            throws Exception {
        List<Partition> out = new ArrayList<>();
        String after = null;
        while (out.size() < wanted) {
            String url = node + "/api/storage/partitions?limit=1000"
                    + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
            LoadClient.Response response = http.get(url);
            if (response.status() != 200) {
                throw new IllegalStateException(url + " answered " + response.status() + ": " + response.body());
            }
            JsonNode page = json.readTree(response.body());
            for (JsonNode p : page.get("partitions")) {
                out.add(new Partition(p.get("partitionKey").asString(), p.get("maxSequence").asLong()));
            }
            JsonNode next = page.get("next");
            if (next == null || next.isNull()) {
                break;
            }
            after = next.asString();
        }
        if (out.isEmpty()) {
            throw new IllegalStateException(node + " holds no partitions: fill the cluster first (./load-test.sh)");
        }
        return out.size() > wanted ? out.subList(0, wanted) : out;
    }
}
