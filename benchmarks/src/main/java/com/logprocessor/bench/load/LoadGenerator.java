package com.logprocessor.bench.load;

import com.logprocessor.bench.support.CpuMeter;
import com.logprocessor.bench.support.LoadClient;
import com.logprocessor.core.text.Texts;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.hc.core5.util.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The end-to-end load generator: sends logs through the gateway at a target rate with a bounded
 * number of requests in flight, shows progress, then reports throughput, request latency,
 * ingest-to-durable latency (from the coordinator's {@code coordinator_write_seconds} histogram:
 * Kafka record time to consistency level met, i.e. readable), errors, whether every acknowledged
 * log reads back, and the distribution over storage nodes. Exit code 0 only if nothing failed.
 */
public final class LoadGenerator {

    private static final PrintStream OUT = System.out;
    private static final PrintStream PROGRESS = System.err;
    private static final String[] LEVELS = {"INFO", "INFO", "INFO", "INFO", "DEBUG", "WARN", "WARN", "ERROR"};
    private static final String[] SERVICES = {"checkout", "payments", "search", "auth", "inventory", "shipping"};

    private final LoadOptions options;
    private final LoadClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final String[] keys;

    private final Map<String, List<UUID>> ackedByKey = new ConcurrentHashMap<>();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    /**
     * The gateway stamps ingestion time on these logs, so none is older than this: the read-back
     * skips a partition's older history (from earlier runs) in the database instead of paging it
     * over HTTP. Five minutes of slack covers clock skew between this machine and the gateway.
     */
    private final Instant readBackFrom = Instant.now().minus(Duration.ofMinutes(5));
    private final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> requestNanos = new ConcurrentLinkedQueue<>();

    LoadGenerator(LoadOptions options) {
        this.options = options;
        this.http = new LoadClient(options.concurrency(), Timeout.ofSeconds(30));
        SplittableRandom random = new SplittableRandom(options.seed());
        Set<String> ips = new HashSet<>();
        while (ips.size() < options.keys()) {
            ips.add((10 + random.nextInt(200)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                    + (1 + random.nextInt(254)));
        }
        this.keys = ips.toArray(String[]::new);
        Arrays.sort(keys);
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(new LoadGenerator(options).run() ? 0 : 1);
    }

    boolean run() throws Exception {
        OUT.printf(Locale.ROOT, "Load: %s logs %s, batches of %d, %d in flight, %d source IPs, consistency %s%n",
                options.count() > 0 ? String.format(Locale.ROOT, "%,d", options.count()) : "for " + options.duration().toSeconds() + " s",
                options.rate() > 0 ? "at " + String.format(Locale.ROOT, "%,d", options.rate()) + "/s" : "as fast as accepted",
                options.batch(), options.concurrency(), options.keys(),
                options.consistency() == null ? "default" : options.consistency());
        OUT.println("Gateway health: " + http.get(options.gateway() + "/api/health").body());
        PrometheusScrape before = scrape();

        long started = System.nanoTime();
        CpuMeter cpu = CpuMeter.start();
        send();
        double sendSeconds = (System.nanoTime() - started) / 1e9;
        PROGRESS.println();

        double written = awaitDurable(before);
        // Up to durable: the CPU the cluster spent to store what was sent, not only to accept it.
        CpuMeter.Usage used = cpu.stop();
        double cpuSeconds = (System.nanoTime() - started) / 1e9;
        PrometheusScrape after = scrape();
        report(sendSeconds, before, after, written);
        OUT.println("  CPU                " + used.describe(cpuSeconds, acked.get(), "log"));
        boolean verified = !options.verify() || verify();
        distribution();
        return errors.get() == 0 && verified;
    }

    // ---- sending ---------------------------------------------------------------------------------

    private void send() throws InterruptedException {
        SplittableRandom random = new SplittableRandom(options.seed() + 1);
        // Ids are new on every run (the seed fixes keys and content only): an id already stored is
        // a duplicate, which the system rightly refuses to store again.
        SplittableRandom ids = new SplittableRandom(new SecureRandom().nextLong());
        Semaphore inFlight = new Semaphore(options.concurrency());
        long total = options.total();
        boolean untilDeadline = options.count() == 0 && options.rate() == 0;
        long deadline = System.nanoTime() + options.duration().toNanos();
        double nanosPerBatch = options.rate() > 0 ? 1e9 * options.batch() / options.rate() : 0;
        long start = System.nanoTime();
        Thread progress = startProgress(total, start);
        long batchNo = 0;
        while (untilDeadline ? System.nanoTime() < deadline : sent.get() < total) {
            long due = start + (long) (batchNo * nanosPerBatch);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int size = (int) (untilDeadline ? options.batch() : Math.min(options.batch(), total - sent.get()));
            inFlight.acquire();
            sendBatch(random, ids, size, inFlight);
            sent.addAndGet(size);
            batchNo++;
        }
        inFlight.acquire(options.concurrency()); // all answered
        progress.interrupt();
        progress.join();
        printProgress(total, start);
    }

    private void sendBatch(SplittableRandom random, SplittableRandom idSource, int size, Semaphore inFlight) {
        List<UUID> ids = new ArrayList<>(size);
        List<String> keysOfBatch = new ArrayList<>(size);
        StringBuilder body = new StringBuilder(size * 240);
        body.append(options.batch() == 1 ? "" : "{\"logs\":[");
        for (int i = 0; i < size; i++) {
            String ip = keys[random.nextInt(keys.length)];
            keysOfBatch.add(ip);
            if (i > 0) {
                body.append(',');
            }
            body.append('{');
            if (options.clientIds()) {
                UUID id = new UUID(idSource.nextLong(), idSource.nextLong());
                ids.add(id);
                body.append("\"id\":\"").append(id).append("\",");
            }
            body.append("\"sourceIp\":\"").append(ip)
                    .append("\",\"service\":\"").append(SERVICES[random.nextInt(SERVICES.length)])
                    .append("\",\"level\":\"").append(LEVELS[random.nextInt(LEVELS.length)])
                    .append("\",\"message\":\"request ").append(Long.toHexString(random.nextLong()))
                    .append(" handled in ").append(random.nextInt(900) + 3).append(" ms by worker ")
                    .append(random.nextInt(64)).append(" of the pool\",\"attributes\":{\"region\":\"eu-")
                    .append(random.nextInt(4)).append("\",\"http.status\":\"").append(random.nextInt(10) == 0 ? 500 : 200)
                    .append("\"}}");
        }
        body.append(options.batch() == 1 ? "" : "]}");
        String path = options.batch() == 1 ? "/api/logs" : "/api/logs/batch";
        String query = options.consistency() == null ? "" : "?consistency=" + options.consistency();
        long t0 = System.nanoTime();
        http.postAsync(options.gateway() + path + query, body.toString(), (response, error) -> {
            requestNanos.add(System.nanoTime() - t0);
            try {
                if (error == null && response.status() == 202) {
                    if (!options.clientIds()) {
                        idsOf(response.body(), ids);
                    }
                    for (int i = 0; i < ids.size(); i++) {
                        ackedByKey.computeIfAbsent(keysOfBatch.get(i), k -> new CopyOnWriteArrayList<>())
                                .add(ids.get(i));
                    }
                    acked.addAndGet(ids.size());
                } else {
                    errors.addAndGet(keysOfBatch.size());
                    if (errorSamples.size() < 5) {
                        errorSamples.add(error != null ? error.toString()
                                : response.status() + " " + Texts.abbreviate(response.body(), 200));
                    }
                }
            } finally {
                inFlight.release();
            }
        });
    }

    /** The ids the gateway assigned, in the order the logs were sent. */
    private void idsOf(String body, List<UUID> into) {
        JsonNode answer = json.readTree(body);
        if (answer.has("ids")) {
            answer.get("ids").forEach(id -> into.add(UUID.fromString(id.asString())));
        } else {
            into.add(UUID.fromString(answer.get("id").asString()));
        }
    }

    private Thread startProgress(long total, long start) {
        Thread t = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(1000);
                    printProgress(total, start);
                }
            } catch (InterruptedException ignored) {
                // done
            }
        }, "progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void printProgress(long total, long start) {
        double elapsed = (System.nanoTime() - start) / 1e9;
        double done = total > 0 ? Math.min(1, (double) acked.get() / total)
                : Math.min(1, elapsed / options.duration().toSeconds());
        int width = 30;
        int filled = (int) Math.round(done * width);
        PROGRESS.printf(Locale.ROOT, "\r[%s%s] %3.0f%%  %,d acked  %,.0f logs/s  errors %,d   ",
                "#".repeat(filled), "-".repeat(width - filled), done * 100, acked.get(),
                acked.get() / Math.max(0.001, elapsed), errors.get());
    }

    // ---- after sending ---------------------------------------------------------------------------

    /** Waits until the coordinator has written (or parked) everything acknowledged; returns written. */
    private double awaitDurable(PrometheusScrape before) throws InterruptedException {
        double base = before.sum("coordinator_writes_total", "outcome=\"written\"")
                + before.sum("coordinator_writes_total", "outcome=\"dlq\"");
        double last = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            PrometheusScrape now = scrape();
            double done = now.sum("coordinator_writes_total", "outcome=\"written\"")
                    + now.sum("coordinator_writes_total", "outcome=\"dlq\"") - base;
            PROGRESS.printf(Locale.ROOT, "\rWaiting for the coordinator: %,.0f of %,d written   ", done, acked.get());
            if (done >= acked.get()) {
                PROGRESS.println();
                return now.sum("coordinator_writes_total", "outcome=\"written\"")
                        - before.sum("coordinator_writes_total", "outcome=\"written\"");
            }
            if (done > last) {
                last = done;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(60)) {
                PROGRESS.println();
                OUT.println("The coordinator made no progress for 60 s; reporting what was written.");
                return done;
            }
            Thread.sleep(500);
        }
    }

    private void report(double sendSeconds, PrometheusScrape before, PrometheusScrape after, double written) {
        long[] latencies = requestNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        TreeMap<Double, Double> b = before.buckets("coordinator_write_seconds");
        TreeMap<Double, Double> a = after.buckets("coordinator_write_seconds");
        double dlq = after.sum("coordinator_writes_total", "outcome=\"dlq\"") - before.sum("coordinator_writes_total", "outcome=\"dlq\"");
        OUT.println();
        OUT.println("Summary");
        OUT.printf(Locale.ROOT, "  sent               %,d logs in %,d requests over %.1f s%n", sent.get(), latencies.length, sendSeconds);
        OUT.printf(Locale.ROOT, "  acknowledged (202) %,d logs: %,.0f logs/s%n", acked.get(), acked.get() / sendSeconds);
        OUT.printf(Locale.ROOT, "  errors             %,d logs%s%n", errors.get(),
                errorSamples.isEmpty() ? "" : " e.g. " + errorSamples);
        OUT.printf(Locale.ROOT, "  request latency    p50 %s  p99 %s  p999 %s  max %s%n",
                ms(pct(latencies, 0.5)), ms(pct(latencies, 0.99)), ms(pct(latencies, 0.999)),
                ms(latencies.length == 0 ? 0 : latencies[latencies.length - 1]));
        OUT.printf(Locale.ROOT, "  ingest -> durable  p50 <= %s  p99 <= %s  p999 <= %s  (coordinator_write_seconds, %,.0f written, %,.0f to DLQ)%n",
                seconds(PrometheusScrape.quantile(b, a, 0.5)), seconds(PrometheusScrape.quantile(b, a, 0.99)),
                seconds(PrometheusScrape.quantile(b, a, 0.999)), written, dlq);
    }

    /** Reads every acknowledged log back through the gateway's query API, key by key. */
    private boolean verify() throws Exception {
        OUT.println();
        OUT.printf(Locale.ROOT, "Verifying that all %,d acknowledged logs read back (%,d keys)...%n", acked.get(), ackedByKey.size());
        // Logs still queued are not lost: the coordinator's written count (awaitDurable) also counts
        // other clients' logs, so it can end the wait early under other traffic. Rounds go on while
        // each finds more of the logs, and give up after 60 s of no progress, as the wait does. A key
        // whose read failed (a timeout, a 503 while a node restarts) is unread, not lost: only logs
        // absent from an answer count as missing.
        Map<String, List<UUID>> missing = new HashMap<>(ackedByKey);
        Map<String, List<UUID>> unread = new HashMap<>();
        AtomicReference<String> readError = new AtomicReference<>();
        long lastProgress = System.nanoTime();
        long outstandingBefore = Long.MAX_VALUE;
        int round = 0;
        while (!(missing.isEmpty() && unread.isEmpty())
                && System.nanoTime() - lastProgress < TimeUnit.SECONDS.toNanos(60)) {
            if (round++ > 0) {
                Thread.sleep(1000);
            }
            Map<String, List<UUID>> toRead = new HashMap<>(missing);
            toRead.putAll(unread);
            Map<String, List<UUID>> absentNow = new ConcurrentHashMap<>();
            Map<String, List<UUID>> unreadNow = new ConcurrentHashMap<>();
            AtomicLong checked = new AtomicLong();
            int keysThisRound = toRead.size();
            ExecutorService pool = Executors.newFixedThreadPool(options.concurrency());
            for (Map.Entry<String, List<UUID>> e : toRead.entrySet()) {
                pool.execute(() -> {
                    try {
                        Set<String> found = readKey(e.getKey(), e.getValue().size());
                        List<UUID> absent = e.getValue().stream().filter(id -> !found.contains(id.toString())).toList();
                        if (!absent.isEmpty()) {
                            absentNow.put(e.getKey(), absent);
                        }
                    } catch (Exception ex) {
                        unreadNow.put(e.getKey(), e.getValue());
                        readError.set(ex.getMessage());
                    }
                    long c = checked.incrementAndGet();
                    if (c % 200 == 0 || c == keysThisRound) {
                        PROGRESS.printf(Locale.ROOT, "\r  checked %,d of %,d keys   ", c, keysThisRound);
                    }
                });
            }
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.MINUTES);
            PROGRESS.println();
            missing = absentNow;
            unread = unreadNow;
            long outstanding = count(missing) + count(unread);
            if (outstanding < outstandingBefore) {
                outstandingBefore = outstanding;
                lastProgress = System.nanoTime();
            }
            if (outstanding > 0) {
                PROGRESS.printf(Locale.ROOT, "  %,d not in the answers yet, %,d on %,d keys whose read failed%s;"
                        + " reading them again%n", count(missing), count(unread), unread.size(),
                        unread.isEmpty() ? "" : " (e.g. " + readError.get() + ")");
            }
        }
        long lost = count(missing);
        long notRead = count(unread);
        OUT.printf(Locale.ROOT, "  read back %,d of %,d acknowledged logs%s%s%s%n", acked.get() - lost - notRead, acked.get(),
                lost == 0 && notRead == 0 ? ": none lost" : "",
                notRead == 0 ? "" : "; NOT READ " + notRead + " (the reads of " + unread.size() + " keys failed, e.g. "
                        + readError.get() + ")",
                lost == 0 ? "" : "; MISSING " + lost + " (e.g. " + missing.entrySet().iterator().next() + ")");
        return lost == 0 && notRead == 0;
    }

    private static long count(Map<String, List<UUID>> idsByKey) {
        return idsByKey.values().stream().mapToLong(List::size).sum();
    }

    /** The ids stored for a key, paging through the partition in sequence order, 1000 at a time. */
    private Set<String> readKey(String key, int expected) throws Exception {
        Set<String> ids = new HashSet<>();
        long after = 0;
        while (true) {
            String url = options.gateway() + "/api/logs?partitionKey=" + URLEncoder.encode(key, StandardCharsets.UTF_8)
                    + "&from=" + readBackFrom + "&limit=1000&afterSequence=" + after;
            LoadClient.Response response = http.get(url);
            if (response.status() != 200) {
                throw new IllegalStateException(url + " answered " + response.status());
            }
            JsonNode page = json.readTree(response.body());
            for (JsonNode entry : page) {
                ids.add(entry.get("id").asString());
                after = Math.max(after, entry.get("sequence").asLong());
            }
            if (page.size() < 1000 || ids.size() >= expected) {
                return ids;
            }
        }
    }

    private void distribution() throws Exception {
        LoadClient.Response response = http.get(options.coordinator() + "/api/coordinator/metrics/distribution");
        OUT.println();
        OUT.println("Distribution (" + options.coordinator() + "/api/coordinator/metrics/distribution):");
        OUT.println(response.status() == 200
                ? json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(response.body()))
                : response.status() + " " + response.body());
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** Every coordinator's metrics as one text: sums and histogram buckets add up over them. */
    private PrometheusScrape scrape() {
        StringBuilder all = new StringBuilder();
        for (URI coordinator : options.coordinators()) {
            try {
                LoadClient.Response r = http.get(coordinator + "/actuator/prometheus");
                if (r.status() == 200) {
                    all.append(r.body()).append('\n');
                }
            } catch (Exception e) {
                // a coordinator that does not answer adds nothing
            }
        }
        return new PrometheusScrape(all.toString());
    }

    private static long pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static String seconds(double s) {
        return Double.isNaN(s) ? "n/a" : Double.isInfinite(s) ? "> 60 s" : String.format(Locale.ROOT, "%.0f ms", s * 1000);
    }
}
