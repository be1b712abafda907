package com.logprocessor.bench.antientropy;

import com.logprocessor.core.text.Texts;
import com.logprocessor.bench.support.CpuMeter;
import com.logprocessor.bench.support.Credentials;
import com.logprocessor.bench.load.LoadOptions;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import com.logprocessor.bench.support.AsyncHttp;
import com.logprocessor.localcluster.LocalCluster;
import com.logprocessor.localcluster.ServiceCatalog;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The anti-entropy targets measured on a running cluster (not a test; no timing is asserted):
 *
 * <ul>
 *   <li>{@code load}: {@code --logs} logs over {@code --partitions} partition keys ({@code <prefix>-p00000} …)
 *       and one partition of {@code --big} entries ({@code <prefix>-big}) through the gateway's batch
 *       API, only what the first storage node does not hold yet; then waits until every node holds
 *       them all (listed from the nodes' partition digests).</li>
 *   <li>{@code compare} (target: at most 1 s): {@code POST /api/merkle/compare} of two replicas of the
 *       big partition, and a triggered PARTITION job of it followed until COMPLETED, {@code --repetitions}
 *       times each; min / median / max.</li>
 *   <li>{@code cycle} (target: at most 10 s with nothing differing, {@code entriesStreamed} 0): a cycle
 *       triggered on the anti-entropy coordinator and its jobs followed until they settle, {@code --cycles}
 *       times; wall time, partitions compared, entries streamed.</li>
 *   <li>{@code damage} (target: 99 % found and repaired within 5 s of the trigger): runs a cycle (the
 *       replicas agree, and the periodic cycle stays away for 9/10 of its interval), deletes
 *       {@code --damage-fraction} of one node's rows of the loaded partitions directly in its PostgreSQL
 *       database, lets the node verify its digests ({@code POST /api/storage/digests/verify}, not timed
 *       against the target), triggers a cycle and samples, every 250 ms, how many entries the node has
 *       stored since (its {@code storage_node_entries_total}), counting the deleted rows back in its
 *       database at 5 s and at the end; then reads every deleted row back from the node's API and runs
 *       one more cycle to check nothing differs any more.</li>
 * </ul>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar com.logprocessor.bench.antientropy.AntiEntropyBenchmark \
 *     [--phases load,compare,cycle,damage] [--run-dir run] [--partitions 10000] [--logs 1000000] [--big 1000000]
 * </pre>
 * {@code --help} lists every option and its default.
 */
public final class AntiEntropyBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> PHASES = Set.of("load", "compare", "cycle", "damage");
    private static final Map<String, String> DEFAULTS = defaults();

    private final Map<String, String> o;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;
    private final String coordinator;
    private final String merkle;
    private final String antiEntropy;
    private final LocalCluster cluster;
    /** UP storage nodes as the Merkle service sees them: id → URL, by id. */
    private final Map<String, String> nodes = new TreeMap<>();
    private final String prefix;
    private final int partitions;
    private final long logs;
    private final long big;
    private final Duration timeout;
    private final long started = System.nanoTime();
    private final List<String> summary = new ArrayList<>();

    private AntiEntropyBenchmark(Map<String, String> o) {
        this.o = o;
        String runDir = o.get("--run-dir");
        this.cluster = runDir.isEmpty() ? null : LocalCluster.attach(Path.of(runDir), line -> { });
        this.gateway = url("--gateway", ServiceCatalog.API_GATEWAY);
        this.coordinator = url("--coordinator", ServiceCatalog.STORAGE_COORDINATOR);
        this.merkle = url("--merkle", ServiceCatalog.MERKLE_TREE_SERVICE);
        this.antiEntropy = url("--anti-entropy", ServiceCatalog.ANTI_ENTROPY_COORDINATOR);
        this.prefix = o.get("--prefix");
        this.partitions = Integer.parseInt(o.get("--partitions"));
        this.logs = Long.parseLong(o.get("--logs"));
        this.big = Long.parseLong(o.get("--big"));
        this.timeout = LoadOptions.duration(o.get("--timeout"));
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("--phases", "load,compare,cycle,damage");
        d.put("--run-dir", "");
        d.put("--gateway", "http://127.0.0.1:8080");
        d.put("--coordinator", "http://127.0.0.1:8081");
        d.put("--merkle", "http://127.0.0.1:8085");
        d.put("--anti-entropy", "http://127.0.0.1:8086");
        d.put("--prefix", "aeb");
        d.put("--partitions", "10000");
        d.put("--logs", "1000000");
        d.put("--big", "1000000");
        d.put("--batch", "1000");
        d.put("--concurrency", "8");
        d.put("--repetitions", "5");
        d.put("--cycles", "3");
        d.put("--damage-node", "storage-node-1");
        d.put("--damage-fraction", "0.01");
        d.put("--damage-big", "false");
        d.put("--jdbc", "");
        d.put("--db-user", "postgres");
        d.put("--db-password", "postgres");
        d.put("--seed", "42");
        d.put("--timeout", "30m");
        return d;
    }

    private static final String USAGE = """
            Usage: java -cp benchmarks/target/benchmarks.jar com.logprocessor.bench.antientropy.AntiEntropyBenchmark [--name value]...
              --phases LIST          load,compare,cycle,damage (any of them, in that order)
              --run-dir DIR          a local cluster's run folder: every URL and the JDBC URL from it (else the options below)
              --gateway URL          http://127.0.0.1:8080     --coordinator URL   http://127.0.0.1:8081
              --merkle URL           http://127.0.0.1:8085     --anti-entropy URL  http://127.0.0.1:8086
              --prefix P             partition keys P-p00000 … and P-big                    (aeb)
              --partitions K         partition keys of the cycle workload                   (10000)
              --logs N               logs over those K keys                                 (1000000)
              --big N                entries of the one big partition (compare phase)       (1000000)
              --batch N, --concurrency N   load: logs per request, requests in flight       (1000, 8)
              --repetitions N        compare phase repetitions                              (5)
              --cycles N             cycle phase repetitions                                (3)
              --damage-node ID       the node whose rows are deleted                        (storage-node-1)
              --damage-fraction F    share of its rows of the K keys deleted                (0.01)
              --damage-big B         true: the big partition's rows too                     (false)
              --jdbc URL             that node's database (default jdbc:postgresql://127.0.0.1:5432/storage_node_<n>)
              --db-user U, --db-password P                                                  (postgres, postgres)
              --seed S               which rows are deleted                                 (42)
              --timeout D            bound of every wait (load durable, a cycle)            (30m)
            """;

    public static void main(String[] args) throws Exception {
        AsyncHttp.sizeCommonPool();
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "local-cluster-cli-logback.xml");
        }
        Map<String, String> o = new LinkedHashMap<>(DEFAULTS);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value;
            if (a.startsWith("--") && a.contains("=")) {
                value = a.substring(a.indexOf('=') + 1);
                a = a.substring(0, a.indexOf('='));
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                value = null;
            }
            if (a.equals("--help") || a.equals("-h") || !o.containsKey(a) || value == null) {
                System.out.println(a.equals("--help") || a.equals("-h") ? USAGE : "unknown option or no value: " + a + "\n" + USAGE);
                System.exit(a.equals("--help") || a.equals("-h") ? 0 : 2);
            }
            o.put(a, value);
        }
        List<String> phases = Arrays.stream(o.get("--phases").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toList();
        for (String p : phases) {
            if (!PHASES.contains(p)) {
                System.out.println("unknown phase " + p + "\n" + USAGE);
                System.exit(2);
            }
        }
        AntiEntropyBenchmark bench = new AntiEntropyBenchmark(o);
        boolean ok = bench.run(phases);
        System.exit(ok ? 0 : 1);
    }

    private String url(String option, String service) {
        return cluster != null && o.get(option).equals(DEFAULTS.get(option)) ? cluster.url(service) : o.get(option);
    }

    private boolean run(List<String> phases) throws Exception {
        JsonNode health = getJson(merkle + "/api/merkle/health");
        health.get("nodes").forEach(n -> nodes.put(n.get("node").asString(), n.get("url").asString()));
        if (nodes.isEmpty()) {
            throw new IllegalStateException("the Merkle service sees no storage node UP: " + health);
        }
        log("Anti-entropy benchmark: gateway %s, anti-entropy %s, Merkle %s; nodes %s; %s cores, load average %s",
                gateway, antiEntropy, merkle, nodes, Runtime.getRuntime().availableProcessors(), loadAverage());
        log("workload: %,d logs over %,d partitions (%s-p…), one partition of %,d entries (%s)", logs, partitions,
                prefix, big, bigKey());
        boolean ok = true;
        for (String phase : List.of("load", "compare", "cycle", "damage")) {
            if (!phases.contains(phase)) {
                continue;
            }
            log("=== %s ===", phase);
            ok &= switch (phase) {
                case "load" -> load();
                case "compare" -> compare();
                case "cycle" -> cycle();
                default -> damage();
            };
        }
        System.out.println();
        System.out.println("Summary (" + Instant.now() + ", load average now " + loadAverage() + "):");
        summary.forEach(line -> System.out.println("  " + line));
        return ok;
    }

    // ---- load ------------------------------------------------------------------------------------

    private String smallKey(int i) {
        return String.format(Locale.ROOT, "%s-p%05d", prefix, i);
    }

    private String bigKey() {
        return prefix + "-big";
    }

    private long target(int i) {
        return logs / partitions + (i < logs % partitions ? 1 : 0);
    }

    private boolean load() throws Exception {
        String first = nodes.values().iterator().next();
        Map<String, Long> held = listing(first);
        long[] missing = new long[partitions];
        long missingSmall = 0;
        for (int i = 0; i < partitions; i++) {
            missing[i] = Math.max(0, target(i) - held.getOrDefault(smallKey(i), 0L));
            missingSmall += missing[i];
        }
        long missingBig = Math.max(0, big - held.getOrDefault(bigKey(), 0L));
        log("load: %s holds %,d of the %,d logs of the %,d partitions and %,d of the %,d of %s: %,d logs to send",
                nodes.keySet().iterator().next(), logs - missingSmall, logs, partitions, big - missingBig, big, bigKey(),
                missingSmall + missingBig);
        if (missingSmall + missingBig > 0) {
            send(missing, missingBig);
        }
        long t0 = System.nanoTime();
        long nextReport = 0;
        while (true) {
            List<String> lines = new ArrayList<>();
            boolean all = true;
            for (Map.Entry<String, String> node : nodes.entrySet()) {
                Map<String, Long> h = listing(node.getValue());
                long small = 0;
                for (int i = 0; i < partitions; i++) {
                    small += Math.min(target(i), h.getOrDefault(smallKey(i), 0L));
                }
                long b = Math.min(big, h.getOrDefault(bigKey(), 0L));
                all &= small == logs && b == big;
                lines.add(String.format(Locale.ROOT, "%s %,d + %,d", node.getKey(), small, b));
            }
            if (all || System.nanoTime() > nextReport) {
                log("durable on every replica? %s", String.join("; ", lines));
                nextReport = System.nanoTime() + 5_000_000_000L;
            }
            if (all) {
                break;
            }
            if (System.nanoTime() - t0 > timeout.toNanos()) {
                log("load: not on every replica after %s", timeout);
                summary.add("load: NOT complete on every replica after " + timeout);
                return false;
            }
            Thread.sleep(2000);
        }
        summary.add(String.format(Locale.ROOT, "load: every node holds the %,d logs of %,d partitions and the %,d of %s;"
                + " stored entries per node %s", logs, partitions, big, bigKey(), counts()));
        return true;
    }

    /** The loaded partitions a node holds (key → entries), from its partition listing (digests). */
    private Map<String, Long> listing(String nodeUrl) throws Exception {
        Map<String, Long> out = new HashMap<>();
        String after = prefix + "-";
        while (true) {
            JsonNode page = getJson(nodeUrl + "/api/storage/partitions?limit=10000&after=" + enc(after));
            boolean beyond = false;
            for (JsonNode p : page.get("partitions")) {
                String key = p.get("partitionKey").asString();
                if (!key.startsWith(prefix + "-")) {
                    beyond = true;
                    break;
                }
                out.put(key, p.get("count").asLong());
            }
            JsonNode next = page.get("next");
            if (beyond || next == null || next.isNull()) {
                return out;
            }
            after = next.asString();
        }
    }

    /** Sends the missing logs: batches alternating between the K partitions (round robin) and the big one. */
    private void send(long[] missing, long missingBig) throws Exception {
        int batch = Integer.parseInt(o.get("--batch"));
        int concurrency = Integer.parseInt(o.get("--concurrency"));
        long total = missingBig + Arrays.stream(missing).sum();
        Supplier<String> small = roundRobin(missing);
        long[] bigLeft = {missingBig};
        boolean[] turn = {false};
        Supplier<List<String>> batches = () -> {
            synchronized (bigLeft) {
                turn[0] = !turn[0];
                if (turn[0] || bigLeft[0] == 0) {
                    List<String> keys = new ArrayList<>(batch);
                    String k;
                    while (keys.size() < batch && (k = small.get()) != null) {
                        keys.add(k);
                    }
                    if (!keys.isEmpty() || bigLeft[0] == 0) {
                        return keys;
                    }
                }
                int n = (int) Math.min(batch, bigLeft[0]);
                bigLeft[0] -= n;
                return java.util.Collections.nCopies(n, bigKey());
            }
        };
        AtomicLong acked = new AtomicLong();
        AtomicLong retries = new AtomicLong();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        TimeBasedEpochGenerator ids = Generators.timeBasedEpochGenerator();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                SplittableRandom random = new SplittableRandom();
                List<String> keys;
                while (!(keys = batches.get()).isEmpty()) {
                    StringBuilder body = new StringBuilder(keys.size() * 150).append("{\"logs\":[");
                    for (int i = 0; i < keys.size(); i++) {
                        body.append(i == 0 ? "" : ",").append("{\"id\":\"").append(ids.generate())
                                .append("\",\"partitionId\":\"").append(keys.get(i))
                                .append("\",\"service\":\"ae-bench\",\"level\":\"INFO\",\"message\":\"anti-entropy bench ")
                                .append(Long.toHexString(random.nextLong())).append(" took ").append(random.nextInt(900))
                                .append(" ms\"}");
                    }
                    String json = body.append("]}").toString();
                    for (int attempt = 1; ; attempt++) {
                        String error;
                        try {
                            HttpResponse<String> r = post(gateway + "/api/logs/batch", json, Duration.ofSeconds(60));
                            if (r.statusCode() == 202) {
                                acked.addAndGet(keys.size());
                                break;
                            }
                            error = r.statusCode() + " " + Texts.abbreviate(r.body(), 300);
                        } catch (Exception e) {
                            error = e.toString();
                        }
                        // Ids are the client's, so a retry of a batch that was in fact taken stores nothing twice.
                        if (attempt == 5) {
                            errors.add(error);
                            break;
                        }
                        retries.incrementAndGet();
                        Thread.sleep(1000L * attempt);
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        while (!pool.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
            double s = (System.nanoTime() - t0) / 1e9;
            log("  sent: %,d of %,d acknowledged (%,.0f logs/s), %d retries, %d batches given up", acked.get(), total,
                    acked.get() / s, retries.get(), errors.size());
        }
        for (Future<?> w : workers) {
            w.get();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        log("load: %,d logs acknowledged in %.1f s (%,.0f logs/s), %d retries, %d batches given up%s", acked.get(), s,
                acked.get() / s, retries.get(), errors.size(), errors.isEmpty() ? "" : ", first: " + errors.peek());
    }

    /** Keys in rounds (one log per key that still misses some, then the next round); null when none is left. */
    private Supplier<String> roundRobin(long[] missing) {
        long[] left = missing.clone();
        int[] at = {0};
        long[] remaining = {Arrays.stream(left).sum()};
        return () -> {
            if (remaining[0] == 0) {
                return null;
            }
            while (left[at[0]] == 0) {
                at[0] = (at[0] + 1) % left.length;
            }
            int i = at[0];
            left[i]--;
            remaining[0]--;
            at[0] = (at[0] + 1) % left.length;
            return smallKey(i);
        };
    }

    // ---- compare (a) -----------------------------------------------------------------------------

    private boolean compare() throws Exception {
        String key = bigKey();
        JsonNode placement = getJson(coordinator + "/api/coordinator/node/" + enc(key));
        List<String> replicas = new ArrayList<>();
        placement.get("replicas").forEach(r -> replicas.add(r.asString()));
        String n1 = replicas.get(0);
        String n2 = replicas.get(1);
        int reps = Integer.parseInt(o.get("--repetitions"));
        log("compare: %s on %s and %s, %d times", key, n1, n2, reps);
        List<Double> client = new ArrayList<>();
        List<Double> server = new ArrayList<>();
        boolean ok = true;
        String body = "{\"partitionId\":\"" + key + "\",\"node1\":\"" + n1 + "\",\"node2\":\"" + n2 + "\"}";
        for (int i = 1; i <= reps; i++) {
            JsonNode before = getJson(merkle + "/api/merkle/health").get("cache");
            long t0 = System.nanoTime();
            HttpResponse<String> r = post(merkle + "/api/merkle/compare", body, Duration.ofSeconds(60));
            double ms = (System.nanoTime() - t0) / 1e6;
            JsonNode after = getJson(merkle + "/api/merkle/health").get("cache");
            if (r.statusCode() != 200) {
                log("  compare %d answered %d: %s", i, r.statusCode(), Texts.abbreviate(r.body(), 300));
                ok = false;
                continue;
            }
            JsonNode answer = JSON.readTree(r.body());
            client.add(ms);
            server.add(answer.get("comparedMillis").asDouble());
            log("  compare %d: %.0f ms (service: %d ms), consistent %s, %d differing segments; trees %d built, %d from the cache",
                    i, ms, answer.get("comparedMillis").asLong(), answer.get("consistent").asBoolean(),
                    answer.get("differingSegments").size(), after.get("misses").asLong() - before.get("misses").asLong(),
                    after.get("hits").asLong() - before.get("hits").asLong());
        }
        JsonNode tree = JSON.readTree(post(merkle + "/api/merkle/build",
                "{\"partitionId\":\"" + key + "\",\"node\":\"" + n1 + "\"}", Duration.ofSeconds(60)).body());
        log("  the partition on %s: %,d entries in %d segments (tree depth %d, %d segments per leaf)", n1,
                tree.get("entries").asLong(), tree.get("segments").asInt(), tree.get("depth").asInt(),
                tree.get("segmentsPerLeaf").asLong());

        List<Double> jobClient = new ArrayList<>();
        List<Double> jobRun = new ArrayList<>();
        for (int i = 1; i <= reps; i++) {
            awaitIdle();
            long t0 = System.nanoTime();
            HttpResponse<String> r = post(antiEntropy + "/api/coordinator/trigger?partitionKey=" + enc(key), "",
                    Duration.ofSeconds(30));
            if (r.statusCode() != 202) {
                log("  trigger %d answered %d: %s", i, r.statusCode(), Texts.abbreviate(r.body(), 300));
                ok = false;
                continue;
            }
            long id = JSON.readTree(r.body()).get("jobs").get(0).get("id").asLong();
            JsonNode job = awaitJob(id, 10);
            double ms = (System.nanoTime() - t0) / 1e6;
            if (!"COMPLETED".equals(job.get("status").asString())) {
                log("  job %d: %s", id, job);
                ok = false;
                continue;
            }
            double run = millisBetween(job, "startedAt", "finishedAt");
            jobClient.add(ms);
            jobRun.add(run);
            JsonNode c = job.get("counts");
            log("  PARTITION job %d: COMPLETED %.0f ms after the trigger (ran %.0f ms, queued %.0f ms); compared %d,"
                    + " differing %d, entries streamed %d", id, ms, run, millisBetween(job, "createdAt", "startedAt"),
                    c.get("partitionsCompared").asLong(), c.get("partitionsDiffering").asLong(),
                    c.get("entriesStreamed").asLong());
        }
        String entries = String.format(Locale.ROOT, "%,d", tree.get("entries").asLong());
        summary.add("(a) POST /api/merkle/compare of " + key + " (" + entries + " entries), " + n1 + " vs " + n2 + ": "
                + stats(client) + " ms at the client; the service's comparedMillis " + stats(server) + " ms"
                + verdict(client, 1000));
        summary.add("(a) PARTITION job of " + key + ", trigger to COMPLETED seen: " + stats(jobClient)
                + " ms at the client; the job's own run " + stats(jobRun) + " ms" + verdict(jobClient, 1000));
        return ok;
    }

    // ---- cycle (b) -------------------------------------------------------------------------------

    private boolean cycle() throws Exception {
        int cycles = Integer.parseInt(o.get("--cycles"));
        log("cycle: %d triggered cycles; stored entries per node %s", cycles, counts());
        List<Double> wall = new ArrayList<>();
        List<Double> span = new ArrayList<>();
        long streamedTotal = 0;
        long compared = 0;
        boolean ok = true;
        for (int i = 1; i <= cycles; i++) {
            awaitIdle();
            Map<String, Double> cpuBefore = cpu();
            Cycle c = triggerCycle();
            List<JsonNode> jobs = awaitCycle(c, null);
            Sums s = Sums.of(jobs);
            double ms = (System.nanoTime() - c.startNanos) / 1e6;
            String cpu = cpuReport(cpuBefore, cpu(), ms / 1000);
            boolean completed = jobs.stream().allMatch(j -> "COMPLETED".equals(j.get("status").asString()));
            ok &= completed;
            wall.add(ms);
            span.add(serverSpan(jobs));
            streamedTotal += s.streamed;
            compared = s.compared;
            log("  cycle %d (%d jobs, %s): %.0f ms after the trigger (jobs' first creation to last finish %.0f ms);"
                    + " %s; CPU: %s", c.id, jobs.size(), completed ? "all COMPLETED" : "NOT all completed", ms,
                    serverSpan(jobs), s, cpu);
        }
        summary.add(String.format(Locale.ROOT, "(b) cycle over %,d partitions (entries per node %s): %s ms at the client;"
                + " %s; entries streamed in all %d cycles: %d%s", compared, counts(), stats(wall),
                "jobs' first creation to last finish " + stats(span) + " ms", cycles, streamedTotal,
                verdict(wall, 10_000) + (streamedTotal == 0 ? ", no entry read" : ", ENTRIES WERE STREAMED")));
        return ok;
    }

    private record Cycle(long id, List<Long> jobs, long startNanos) {
    }

    private Cycle triggerCycle() throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = post(antiEntropy + "/api/coordinator/trigger", "", Duration.ofSeconds(30));
        if (r.statusCode() != 202) {
            throw new IllegalStateException("trigger answered " + r.statusCode() + ": " + r.body());
        }
        JsonNode answer = JSON.readTree(r.body());
        List<Long> ids = new ArrayList<>();
        answer.get("jobs").forEach(j -> ids.add(j.get("id").asLong()));
        return new Cycle(answer.get("cycleId").asLong(), ids, t0);
    }

    /** Polls the cycle's jobs (every 50 ms) until all are COMPLETED or FAILED; {@code tick} runs between polls. */
    private List<JsonNode> awaitCycle(Cycle c, Runnable tick) throws Exception {
        Map<Long, JsonNode> settled = new TreeMap<>();
        long nextReport = System.nanoTime() + 5_000_000_000L;
        while (settled.size() < c.jobs.size()) {
            for (long id : c.jobs) {
                if (!settled.containsKey(id)) {
                    JsonNode job = getJson(antiEntropy + "/api/coordinator/jobs/" + id);
                    String status = job.get("status").asString();
                    if (status.equals("COMPLETED") || status.equals("FAILED")) {
                        settled.put(id, job);
                    }
                }
            }
            if (tick != null) {
                tick.run();
            }
            if (System.nanoTime() > nextReport) {
                log("  cycle %d: %d of %d jobs settled", c.id, settled.size(), c.jobs.size());
                nextReport = System.nanoTime() + 5_000_000_000L;
            }
            if (System.nanoTime() - c.startNanos > timeout.toNanos()) {
                throw new IllegalStateException("cycle " + c.id + " not settled after " + timeout);
            }
            if (settled.size() < c.jobs.size() && tick == null) {
                Thread.sleep(50);
            }
        }
        return new ArrayList<>(settled.values());
    }

    private record Sums(long compared, long differing, long segments, long streamed, long repaired, long conflicts,
                        long unavailable) {

        static Sums of(List<JsonNode> jobs) {
            long[] s = new long[7];
            String[] f = {"partitionsCompared", "partitionsDiffering", "segmentsDiffering", "entriesStreamed",
                "entriesRepaired", "conflicts", "replicasUnavailable"};
            for (JsonNode j : jobs) {
                for (int i = 0; i < f.length; i++) {
                    s[i] += j.get("counts").get(f[i]).asLong();
                }
            }
            return new Sums(s[0], s[1], s[2], s[3], s[4], s[5], s[6]);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "partitions compared %,d, differing %,d, segments differing %,d,"
                    + " entries streamed %,d, repaired %,d, conflicts %d, replicas unavailable %d", compared, differing,
                    segments, streamed, repaired, conflicts, unavailable);
        }
    }

    // ---- damage (c) ------------------------------------------------------------------------------

    private record Row(String key, long sequence, String id) {
    }

    private boolean damage() throws Exception {
        String node = o.get("--damage-node");
        String nodeUrl = nodes.get(node);
        if (nodeUrl == null) {
            throw new IllegalStateException(node + " is not UP; nodes: " + nodes);
        }
        String jdbc = o.get("--jdbc");
        if (jdbc.isEmpty()) {
            String database = ServiceCatalog.storageNodeDatabase(Integer.parseInt(node.substring(node.lastIndexOf('-') + 1)));
            jdbc = cluster != null ? cluster.jdbcUrl(database) : "jdbc:postgresql://127.0.0.1:5432/" + database;
        }
        double fraction = Double.parseDouble(o.get("--damage-fraction"));
        boolean withBig = Boolean.parseBoolean(o.get("--damage-big"));
        awaitIdle();
        // A cycle first: the replicas agree before the damage, and the coordinator's periodic cycle, which
        // skips an interval in which any cycle started, leaves the damage alone for 9/10 of an interval
        // (54 s by default): deleting and verifying must fit in it, or a periodic cycle repairs part of it.
        Cycle fence = triggerCycle();
        Sums before = Sums.of(awaitCycle(fence, null));
        log("damage: a cycle before the damage (%.1f s): %s", (System.nanoTime() - fence.startNanos) / 1e9, before);
        List<Row> deleted = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(jdbc, o.get("--db-user"), o.get("--db-password"))) {
            String scope = "partition_key LIKE ?" + (withBig ? "" : " AND partition_key <> ?");
            String like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "-%";
            long inScope;
            try (PreparedStatement ps = db.prepareStatement("SELECT count(*) FROM log_entries WHERE " + scope)) {
                bindScope(ps, like, withBig);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    inScope = rs.getLong(1);
                }
            }
            long n = Math.round(inScope * fraction);
            long t0 = System.nanoTime();
            try (Statement st = db.createStatement()) {
                st.execute("SELECT setseed(" + (Long.parseLong(o.get("--seed")) % 1000) / 1000.0 + ")");
            }
            try (PreparedStatement ps = db.prepareStatement("WITH victims AS (SELECT partition_key, sequence FROM log_entries"
                    + " WHERE " + scope + " ORDER BY random() LIMIT ?) DELETE FROM log_entries e USING victims v"
                    + " WHERE e.partition_key = v.partition_key AND e.sequence = v.sequence"
                    + " RETURNING e.partition_key, e.sequence, e.id::text")) {
                int next = bindScope(ps, like, withBig);
                ps.setLong(next, n);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        deleted.add(new Row(rs.getString(1), rs.getLong(2), rs.getString(3)));
                    }
                }
            }
            long damagedPartitions = deleted.stream().map(Row::key).distinct().count();
            log("damage: deleted %,d of the %,d rows of %s's %s partitions (%.2f %%) in %,d partitions, directly in %s"
                    + " (%.1f s)", deleted.size(), inScope, node, withBig ? "loaded" : "small", 100.0 * deleted.size() / inScope,
                    damagedPartitions, jdbc, (System.nanoTime() - t0) / 1e9);

            long v0 = System.nanoTime();
            JsonNode report = verify(nodeUrl);
            log("damage: %s verified its digests in %.1f s: %,d partitions, %,d entries, %,d mismatched segments,"
                    + " %,d corrected", node, (System.nanoTime() - v0) / 1e9, report.get("partitions").asLong(),
                    report.get("entries").asLong(), report.get("mismatchedSegments").asLong(),
                    report.get("correctedSegments").asLong());

            Counter back = new Counter(db, deleted);
            long already = back.count();
            if (already > 0) {
                log("damage: %,d deleted rows were already back before the trigger (a periodic cycle started %.0f s"
                        + " after the cycle before the damage): they are left out below", already,
                        (System.nanoTime() - fence.startNanos) / 1e9);
            }
            long toRepair = deleted.size() - already;
            // Sampled every 250 ms from the node's own counter of entries it stored (cheap: nothing else writes to
            // it meanwhile); exact counts from its database once at 5 s and at the end.
            List<double[]> samples = new ArrayList<>(); // {seconds after the trigger, rows back}
            long[] exactAtFive = {-1};
            double[] exactAtFiveSeconds = {0};
            long stored0 = storedByNode(nodeUrl);
            Map<String, Double> cpuBefore = cpu();
            Cycle c = triggerCycle();
            long[] nextSample = {c.startNanos};
            Runnable sample = () -> {
                long now = System.nanoTime();
                if (now < nextSample[0]) {
                    java.util.concurrent.locks.LockSupport.parkNanos(Math.min(nextSample[0] - now, 50_000_000L));
                    if (System.nanoTime() < nextSample[0]) {
                        return;
                    }
                }
                try {
                    long stored = storedByNode(nodeUrl) - stored0;
                    double at = (System.nanoTime() - c.startNanos) / 1e9;
                    samples.add(new double[] {at, stored});
                    if (exactAtFive[0] < 0 && at >= 5.0) {
                        exactAtFive[0] = back.count() - already;
                        exactAtFiveSeconds[0] = at;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                while (nextSample[0] <= System.nanoTime()) {
                    nextSample[0] += 250_000_000L;
                }
            };
            List<JsonNode> jobs = awaitCycle(c, sample);
            double cycleSeconds = (System.nanoTime() - c.startNanos) / 1e9;
            String cpu = cpuReport(cpuBefore, cpu(), cycleSeconds);
            samples.add(new double[] {cycleSeconds, storedByNode(nodeUrl) - stored0});
            long backAtEnd = back.count() - already;
            if (exactAtFive[0] < 0) { // done within 5 s
                exactAtFive[0] = backAtEnd;
                exactAtFiveSeconds[0] = cycleSeconds;
            }
            Sums s = Sums.of(jobs);
            boolean completed = jobs.stream().allMatch(j -> "COMPLETED".equals(j.get("status").asString()));
            double at99 = -1;
            for (double[] p : samples) {
                if (at99 < 0 && p[1] >= 0.99 * toRepair) {
                    at99 = p[0];
                }
            }
            // Every sample for the first 6 s (the target's window), then about one per 1/20 of the cycle.
            double step = Math.max(1, cycleSeconds / 20);
            double printed = -1;
            for (int i = 0; i < samples.size(); i++) {
                double[] p = samples.get(i);
                if (p[0] <= 6 || p[0] >= printed + step || i == samples.size() - 1) {
                    log("  %6.2f s after the trigger: %,d of %,d rows stored again (%.1f %%)", p[0], (long) p[1],
                            toRepair, 100 * p[1] / Math.max(1, toRepair));
                    printed = p[0];
                }
            }
            log("damage: in %s's database: %,d of %,d back %.2f s after the trigger, %,d at the end", node,
                    exactAtFive[0], toRepair, exactAtFiveSeconds[0], backAtEnd);
            log("damage: cycle %d %s in %.2f s after the trigger (jobs' first creation to last finish %.0f ms); %s",
                    c.id, completed ? "COMPLETED" : "NOT all completed", cycleSeconds, serverSpan(jobs), s);
            for (JsonNode j : jobs) {
                log("  job %d (%s %s): queued %.1f s, ran %.1f s; %s", j.get("id").asLong(), j.get("kind").asString(),
                        j.get("subject").asString(), millisBetween(j, "createdAt", "startedAt") / 1000,
                        millisBetween(j, "startedAt", "finishedAt") / 1000, Sums.of(List.of(j)));
            }
            log("damage: CPU during the cycle (cores busy on average): %s; %s", cpu, back.cost());

            // Read every deleted row back from the node itself.
            long r0 = System.nanoTime();
            long readBack = readBack(nodeUrl, deleted);
            log("damage: %,d of the %,d deleted rows read back from %s's API with their ids (%.1f s)", readBack,
                    deleted.size(), node, (System.nanoTime() - r0) / 1e9);

            awaitIdle();
            Cycle check = triggerCycle();
            Sums after = Sums.of(awaitCycle(check, null));
            log("damage: a check cycle afterwards: %s", after);

            summary.add(String.format(Locale.ROOT, "(c) %,d rows (%.2f %% of %,d) deleted on %s in %,d partitions; digests"
                    + " verified before the trigger; %,d of them to repair at the trigger", deleted.size(),
                    100.0 * deleted.size() / inScope, inScope, node, damagedPartitions, toRepair));
            summary.add(String.format(Locale.ROOT, "(c) back in %s's database %.2f s after the trigger: %.1f %%; 99 %% stored"
                    + " again %s; cycle done after %.2f s (%s); read back from the node afterwards: %,d of %,d (%.2f %%);"
                    + " check cycle: %,d partitions differing%s", node, exactAtFiveSeconds[0],
                    100.0 * exactAtFive[0] / Math.max(1, toRepair),
                    at99 < 0 ? "NOT reached" : String.format(Locale.ROOT, "after %.2f s", at99), cycleSeconds,
                    s, readBack, deleted.size(), 100.0 * readBack / Math.max(1, deleted.size()), after.differing,
                    at99 >= 0 && at99 <= 5.0 ? " (target 99 % within 5 s: met)" : " (target 99 % within 5 s: NOT met)"));
            summary.add("(c) cores busy on average during that cycle: " + cpu);
            return completed && readBack == deleted.size() && after.differing == 0;
        }
    }

    /** Entries the node stored (inserted or replaced) since it started: its storage_node_entries_total counter. */
    private long storedByNode(String nodeUrl) throws Exception {
        HttpResponse<String> r = http.send(Credentials.request(nodeUrl + "/actuator/prometheus")
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        double stored = 0;
        for (String line : r.body().split("\n")) {
            if (line.startsWith("storage_node_entries_total{")
                    && (line.contains("outcome=\"inserted\"") || line.contains("outcome=\"updated\""))) {
                stored += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) stored;
    }

    private int bindScope(PreparedStatement ps, String like, boolean withBig) throws SQLException {
        ps.setString(1, like);
        if (withBig) {
            return 2;
        }
        ps.setString(2, bigKey());
        return 3;
    }

    /** How many of the deleted rows are in the node's database again: one query, a primary-key probe per row. */
    private static final class Counter {
        private final PreparedStatement ps;
        private final int rows;

        Counter(Connection db, List<Row> rows) throws SQLException {
            this.rows = rows.size();
            try (Statement st = db.createStatement()) {
                st.execute("SET enable_hashjoin = off");
                st.execute("SET enable_mergejoin = off");
            }
            Array keys = db.createArrayOf("text", rows.stream().map(Row::key).toArray(String[]::new));
            Array sequences = db.createArrayOf("int8", rows.stream().map(Row::sequence).toArray(Long[]::new));
            ps = db.prepareStatement("SELECT count(*) FROM unnest(?::text[], ?::bigint[]) AS d(k, s)"
                    + " JOIN log_entries e ON e.partition_key = d.k AND e.sequence = d.s");
            ps.setArray(1, keys);
            ps.setArray(2, sequences);
        }

        private long calls;
        private long nanos;

        long count() throws SQLException {
            long t0 = System.nanoTime();
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            } finally {
                calls++;
                nanos += System.nanoTime() - t0;
            }
        }

        /** What sampling cost: the queries and their mean time (PostgreSQL's share of the CPU above includes them). */
        String cost() {
            return String.format(Locale.ROOT, "%d sampling queries of %,d primary-key probes, %.1f ms each on average",
                    calls, rows, calls == 0 ? 0 : nanos / 1e6 / calls);
        }
    }

    private JsonNode verify(String nodeUrl) throws Exception {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> r = post(nodeUrl + "/api/storage/digests/verify", "", timeout);
            if (r.statusCode() == 200) {
                return JSON.readTree(r.body());
            }
            if (r.statusCode() != 409 || attempt == 60) {
                throw new IllegalStateException("digest verification answered " + r.statusCode() + ": " + r.body());
            }
            log("  a verification is running on the node already: waiting");
            Thread.sleep(5000);
        }
    }

    /** Reads every row from the node's API; counts those found with the id they had. */
    private long readBack(String nodeUrl, List<Row> rows) throws Exception {
        AtomicLong found = new AtomicLong();
        AtomicLong done = new AtomicLong();
        ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (Row row : rows) {
            pool.submit(() -> {
                try {
                    HttpResponse<String> r = http.send(Credentials.request(nodeUrl + "/api/storage/entries/"
                            + enc(row.key) + "/" + row.sequence).timeout(Duration.ofSeconds(30)).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && JSON.readTree(r.body()).get("id").asString().equals(row.id)) {
                        found.incrementAndGet();
                    } else if (samples.size() < 3) {
                        samples.add(row + ": " + r.statusCode() + " " + Texts.abbreviate(r.body(), 300));
                    }
                } catch (Exception e) {
                    if (samples.size() < 3) {
                        samples.add(row + ": " + e);
                    }
                }
                done.incrementAndGet();
                return null;
            });
        }
        pool.shutdown();
        while (!pool.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
            log("  read back %,d of %,d", done.get(), rows.size());
        }
        samples.forEach(s -> log("  not back: %s", s));
        return found.get();
    }

    // ---- CPU ---------------------------------------------------------------------------------------

    /**
     * CPU seconds (user + system) used so far: the whole machine's busy time, this JVM's, and with
     * {@code --run-dir} each local-cluster component's (PostgreSQL with its backends). Linux only;
     * empty elsewhere.
     */
    private Map<String, Double> cpu() {
        Map<String, Double> out = new LinkedHashMap<>();
        try {
            long machine = CpuMeter.machineBusyMillis();
            if (machine < 0) {
                return out;
            }
            out.put("machine", machine / 1000.0);
            Map<Long, long[]> procs = new HashMap<>(); // pid -> {ppid, ticks}
            try (var dir = java.nio.file.Files.list(Path.of("/proc"))) {
                dir.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                    try {
                        String stat = java.nio.file.Files.readString(p.resolve("stat"));
                        String[] r = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        // {ppid, utime + stime, cutime + cstime (children that exited and were waited for)}
                        procs.put(Long.parseLong(p.getFileName().toString()),
                                new long[] {Long.parseLong(r[1]), Long.parseLong(r[11]) + Long.parseLong(r[12]),
                                    Long.parseLong(r[13]) + Long.parseLong(r[14])});
                    } catch (java.io.IOException | RuntimeException e) {
                        // gone meanwhile
                    }
                });
            }
            long self = ProcessHandle.current().pid();
            out.put("benchmark", procs.getOrDefault(self, new long[3])[1] / 100.0);
            if (cluster != null) {
                for (String name : cluster.names()) {
                    java.util.OptionalLong pid = cluster.pid(name);
                    if (pid.isEmpty() || !procs.containsKey(pid.getAsLong())) {
                        continue;
                    }
                    long[] root = procs.get(pid.getAsLong());
                    long ticks = root[1] + root[2];
                    for (long[] p : procs.values()) {
                        if (p[0] == pid.getAsLong()) {
                            ticks += p[1]; // PostgreSQL's backends and workers that are running
                        }
                    }
                    out.put(name, ticks / 100.0);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            out.clear();
        }
        return out;
    }

    /** Average cores used between two {@link #cpu()} snapshots, the machine first, then the busiest. */
    private static String cpuReport(Map<String, Double> before, Map<String, Double> after, double seconds) {
        if (before.isEmpty() || after.isEmpty() || seconds <= 0) {
            return "not measured";
        }
        List<String> parts = new ArrayList<>();
        after.entrySet().stream()
                .filter(e -> before.containsKey(e.getKey()))
                .map(e -> Map.entry(e.getKey(), (e.getValue() - before.get(e.getKey())) / seconds))
                .sorted((a, b) -> a.getKey().equals("machine") ? -1 : b.getKey().equals("machine") ? 1
                        : Double.compare(b.getValue(), a.getValue()))
                .filter(e -> e.getKey().equals("machine") || e.getValue() >= 0.02)
                .forEach(e -> parts.add(String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue())));
        return String.join(", ", parts) + " (of " + Runtime.getRuntime().availableProcessors() + ")";
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** Waits until no job is pending or running (a periodic cycle, an earlier trigger). */
    private void awaitIdle() throws Exception {
        long t0 = System.nanoTime();
        boolean said = false;
        while (true) {
            JsonNode counts = getJson(antiEntropy + "/api/coordinator/jobs?limit=1").get("counts");
            if (counts.get("PENDING").asLong() == 0 && counts.get("RUNNING").asLong() == 0) {
                return;
            }
            if (!said) {
                log("  waiting for the anti-entropy jobs queued or running to settle (%s)", counts);
                said = true;
            }
            if (System.nanoTime() - t0 > timeout.toNanos()) {
                throw new IllegalStateException("anti-entropy jobs still pending or running after " + timeout + ": " + counts);
            }
            Thread.sleep(200);
        }
    }

    private JsonNode awaitJob(long id, long pollMillis) throws Exception {
        long t0 = System.nanoTime();
        while (true) {
            JsonNode job = getJson(antiEntropy + "/api/coordinator/jobs/" + id);
            String status = job.get("status").asString();
            if (status.equals("COMPLETED") || status.equals("FAILED") || System.nanoTime() - t0 > timeout.toNanos()) {
                return job;
            }
            Thread.sleep(pollMillis);
        }
    }

    /** From the earliest createdAt to the latest finishedAt of the jobs, in ms. */
    private static double serverSpan(List<JsonNode> jobs) {
        Instant first = jobs.stream().map(j -> Instant.parse(j.get("createdAt").asString())).min(Instant::compareTo)
                .orElseThrow();
        Instant last = jobs.stream().filter(j -> j.hasNonNull("finishedAt"))
                .map(j -> Instant.parse(j.get("finishedAt").asString())).max(Instant::compareTo).orElse(first);
        return Duration.between(first, last).toNanos() / 1e6;
    }

    private static double millisBetween(JsonNode job, String from, String to) {
        return Duration.between(Instant.parse(job.get(from).asString()), Instant.parse(job.get(to).asString()))
                .toNanos() / 1e6;
    }

    private String counts() throws Exception {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> n : nodes.entrySet()) {
            out.add(String.format(Locale.ROOT, "%s %,d", n.getKey(),
                    getJson(n.getValue() + "/api/storage/count").get("count").asLong()));
        }
        return String.join(", ", out);
    }

    private static String stats(List<Double> values) {
        if (values.isEmpty()) {
            return "no measurement";
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return String.format(Locale.ROOT, "min %.0f / median %.0f / max %.0f (n=%d)", v[0], median, v[v.length - 1],
                v.length);
    }

    private static String verdict(List<Double> millis, double targetMillis) {
        if (millis.isEmpty()) {
            return "";
        }
        double[] v = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        String target = String.format(Locale.ROOT, "%.0f s", targetMillis / 1000);
        if (v[v.length - 1] <= targetMillis) {
            return " (target <= " + target + ": met in every run)";
        }
        return median <= targetMillis ? " (target <= " + target + ": met by the median, not every run)"
                : " (target <= " + target + ": NOT met)";
    }

    private JsonNode getJson(String url) throws Exception {
        HttpResponse<String> r = http.send(Credentials.request(url).timeout(Duration.ofSeconds(60))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + Texts.abbreviate(r.body(), 300));
        }
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> post(String url, String body, Duration requestTimeout) throws Exception {
        return http.send(Credentials.request(url).timeout(requestTimeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[%7.1fs] %s%n", (System.nanoTime() - started) / 1e9,
                String.format(Locale.ROOT, format, args));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
