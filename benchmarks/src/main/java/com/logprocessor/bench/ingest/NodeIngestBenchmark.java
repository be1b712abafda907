package com.logprocessor.bench.ingest;

import com.logprocessor.bench.support.Credentials;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryCodec;
import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.core.version.LamportVersion;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load client for one storage node's batch ingest ({@code POST /api/storage/store/batch}): posts
 * {@code --batches} batches of {@code --batch-size} valid, placed entries (fresh ids, per-partition
 * sequences 1, 2, 3 …, a version) with {@code --concurrency} requests in flight, the way the
 * coordinator feeds a node, and prints entries/s and the batch latency distribution.
 *
 * <p>By default the bodies are what the coordinator sends: the binary entry codec
 * ({@code --wire=binary}; {@code json} for the public format) and time-ordered UUIDv7 ids, as the
 * gateway assigns them ({@code --ids=v7}; {@code random} for UUIDv4, which scatter inserts over the
 * id index). Bodies are serialised before the clock starts (unless {@code --pregenerate=false}), so on a
 * small machine the client's JSON work does not compete with the node it measures; every request is
 * still a real HTTP request whose body the node parses, validates and commits.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar com.logprocessor.bench.ingest.NodeIngestBenchmark \
 *     --url=http://127.0.0.1:8082 --batches=300 --batch-size=1000 --concurrency=4 --partitions=1000
 * </pre>
 */
public final class NodeIngestBenchmark {

    private NodeIngestBenchmark() {
    }

    record Options(URI url, int batches, int batchSize, int concurrency, int partitions, int warmupBatches,
            int messageBytes, boolean pregenerate, boolean disjoint, long seed, boolean binary, boolean timeOrderedIds) {

        static Options parse(String[] args) {
            Map<String, String> o = new HashMap<>();
            for (String a : args) {
                if (a.equals("--help") || a.equals("-h")) {
                    System.out.println("options (--name=value): url, batches, batch-size, concurrency, partitions,"
                            + " warmup-batches, message-bytes, pregenerate, disjoint, seed, wire (binary|json), ids (v7|random)");
                    System.exit(0);
                }
                if (!a.startsWith("--") || !a.contains("=")) {
                    throw new IllegalArgumentException("arguments are --name=value, got '" + a + "'");
                }
                o.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            }
            return new Options(
                    URI.create(o.getOrDefault("url", "http://127.0.0.1:8082")),
                    Integer.parseInt(o.getOrDefault("batches", "300")),
                    Integer.parseInt(o.getOrDefault("batch-size", "1000")),
                    Integer.parseInt(o.getOrDefault("concurrency", "4")),
                    Integer.parseInt(o.getOrDefault("partitions", "1000")),
                    Integer.parseInt(o.getOrDefault("warmup-batches", "30")),
                    Integer.parseInt(o.getOrDefault("message-bytes", "120")),
                    Boolean.parseBoolean(o.getOrDefault("pregenerate", "true")),
                    Boolean.parseBoolean(o.getOrDefault("disjoint", "true")),
                    Long.parseLong(o.getOrDefault("seed", Long.toString(System.nanoTime()))),
                    switch (o.getOrDefault("wire", "binary")) {
                        case "binary" -> true;
                        case "json" -> false;
                        default -> throw new IllegalArgumentException("--wire is binary or json");
                    },
                    switch (o.getOrDefault("ids", "v7")) {
                        case "v7" -> true;
                        case "random" -> false;
                        default -> throw new IllegalArgumentException("--ids is v7 or random");
                    });
        }
    }

    /** Entries as the coordinator places them: per-partition sequences in arrival order, one version. */
    public static final class EntrySource {
        private final String run = UUID.randomUUID().toString().substring(0, 8);
        private final AtomicLongArray sequences;
        private final int messageBytes;
        private final String padding;
        private final boolean timeOrderedIds;
        private final TimeBasedEpochGenerator v7 = Generators.timeBasedEpochGenerator();

        public EntrySource(int partitions, int messageBytes, boolean timeOrderedIds) {
            this.timeOrderedIds = timeOrderedIds;
            this.sequences = new AtomicLongArray(partitions);
            this.messageBytes = messageBytes;
            this.padding = "x".repeat(Math.max(0, messageBytes));
        }

        /** A batch over the partitions {@code p ≡ stripe (mod stripes)}. */
        public List<LogEntry> batch(SplittableRandom random, int size, int stripe, int stripes) {
            List<LogEntry> entries = new ArrayList<>(size);
            LogLevel[] levels = LogLevel.values();
            Instant now = Instant.now();
            int perStripe = Math.max(1, sequences.length() / stripes);
            for (int i = 0; i < size; i++) {
                int p = Math.min(sequences.length() - 1, random.nextInt(perStripe) * stripes + stripe);
                long sequence = sequences.incrementAndGet(p);
                String ip = "10." + (p >> 16 & 255) + "." + (p >> 8 & 255) + "." + (p & 255);
                String message = "GET /api/orders/" + random.nextInt(1_000_000) + " 200 " + random.nextInt(500) + "ms ";
                message = message + padding.substring(0, Math.max(0, messageBytes - message.length()));
                Map<String, String> attributes = random.nextInt(4) == 0
                        ? Map.of("trace", Long.toHexString(random.nextLong()), "user", "u" + random.nextInt(10_000))
                        : Map.of();
                UUID id = timeOrderedIds ? v7.generate() : new UUID(random.nextLong(), random.nextLong());
                entries.add(new LogEntry(id, "bench-" + run + "-" + p,
                        sequence, now.plusNanos(i * 1000L), levels[random.nextInt(2, levels.length)], ip,
                        "svc-" + random.nextInt(20), message, attributes,
                        new LamportVersion(sequence, "coordinator-1")));
            }
            return entries;
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        JsonMapper json = JsonMapper.builder().build();
        EntrySource source = new EntrySource(options.partitions(), options.messageBytes(), options.timeOrderedIds());
        Encoder encoder = options.binary()
                ? entries -> LogEntryCodec.encodeBatch(entries.stream().map(LogEntryCodec::encode).toList())
                : entries -> json.writeValueAsBytes(Map.of("entries", entries));
        String contentType = options.binary() ? LogEntryCodec.MEDIA_TYPE : "application/json";
        SplittableRandom seeds = new SplittableRandom(options.seed());
        URI endpoint = options.url().resolve("/api/storage/store/batch");
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newFixedThreadPool(2))
                .build();

        int stripes = options.disjoint() ? options.concurrency() : 1;
        System.out.printf(Locale.ROOT, "node ingest: %s, %d batches x %d entries, concurrency %d, %d partitions%s,"
                        + " ~%d B messages, %d warm-up batches, %s bodies%n", endpoint, options.batches(),
                options.batchSize(), options.concurrency(), options.partitions(),
                options.disjoint() ? " (each request stream its own, like one coordinator consumer per Kafka"
                        + " partition)" : " (shared by all request streams)",
                options.messageBytes(), options.warmupBatches(), options.pregenerate() ? "pre-serialised" : "on-the-fly");

        if (options.warmupBatches() > 0) {
            byte[][] warmup = bodies(encoder, source, seeds, options.warmupBatches(), options.batchSize(), stripes);
            Phase w = run(client, endpoint, contentType, json, options.concurrency(), warmup.length, i -> warmup[i], false);
            System.out.printf(Locale.ROOT, "warm-up: %,d entries in %.1f s (%,.0f entries/s)%n", w.entries.get(),
                    w.seconds(), w.entries.get() / w.seconds());
        }

        Phase measured;
        if (options.pregenerate()) {
            long t = System.nanoTime();
            byte[][] all = bodies(encoder, source, seeds, options.batches(), options.batchSize(), stripes);
            long bytes = Arrays.stream(all).mapToLong(b -> b.length).sum();
            System.out.printf(Locale.ROOT, "serialised %d bodies (%,d MB, %,d B/entry) in %.1f s%n", all.length,
                    bytes >> 20, bytes / ((long) options.batches() * options.batchSize()), (System.nanoTime() - t) / 1e9);
            measured = run(client, endpoint, contentType, json, options.concurrency(), all.length, i -> all[i], true);
        } else {
            measured = run(client, endpoint, contentType, json, options.concurrency(), options.batches(),
                    i -> encoder.encode(source.batch(new SplittableRandom(options.seed() + i), options.batchSize(),
                            i % stripes, stripes)), true);
        }
        measured.report(options.batchSize());
        System.exit(measured.errors.get() == 0 ? 0 : 1);
    }

    /** A batch's request body: the binary entry codec or the JSON batch. */
    interface Encoder {
        byte[] encode(List<LogEntry> entries);
    }

    private static byte[][] bodies(Encoder encoder, EntrySource source, SplittableRandom seeds, int n, int size,
            int stripes) {
        byte[][] bodies = new byte[n][];
        for (int i = 0; i < n; i++) {
            bodies[i] = encoder.encode(source.batch(seeds.split(), size, i % stripes, stripes));
        }
        return bodies;
    }

    interface Bodies {
        byte[] body(int index) throws Exception;
    }

    static final class Phase {
        final AtomicLong entries = new AtomicLong();
        final AtomicLong inserted = new AtomicLong();
        final AtomicLong unchanged = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final long[] latenciesNanos;
        long startNanos;
        long endNanos;

        Phase(int batches) {
            latenciesNanos = new long[batches];
        }

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        void report(int batchSize) {
            long[] sorted = Arrays.stream(latenciesNanos).filter(l -> l > 0).sorted().toArray();
            System.out.printf(Locale.ROOT, "%nresult: %,d entries (%,d inserted, %,d unchanged) in %,d batches,"
                            + " %.2f s, %d errors%n", entries.get(), inserted.get(), unchanged.get(), sorted.length,
                    seconds(), errors.get());
            System.out.printf(Locale.ROOT, "throughput: %,.0f entries/s (%,.1f batches/s of %d)%n",
                    entries.get() / seconds(), sorted.length / seconds(), batchSize);
            System.out.printf(Locale.ROOT, "batch latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n",
                    percentile(sorted, 0.50), percentile(sorted, 0.90), percentile(sorted, 0.99),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        }

        private static double percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }
    }

    private static Phase run(HttpClient client, URI endpoint, String contentType, JsonMapper json, int concurrency, int batches,
            Bodies bodies, boolean progress) throws Exception {
        Phase phase = new Phase(batches);
        AtomicInteger done = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        Thread reporter = null;
        phase.startNanos = System.nanoTime();
        if (progress) {
            reporter = new Thread(() -> {
                long lastEntries = 0;
                long lastNanos = phase.startNanos;
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        Thread.sleep(2000);
                    } catch (InterruptedException e) {
                        return;
                    }
                    long now = System.nanoTime();
                    long entries = phase.entries.get();
                    System.out.printf(Locale.ROOT, "  %5.1f s  %5d/%d batches  %,10d entries  now %,8.0f/s  avg %,8.0f/s%n",
                            (now - phase.startNanos) / 1e9, done.get(), batches, entries,
                            (entries - lastEntries) / ((now - lastNanos) / 1e9), entries / ((now - phase.startNanos) / 1e9));
                    lastEntries = entries;
                    lastNanos = now;
                }
            }, "progress");
            reporter.setDaemon(true);
            reporter.start();
        }
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            futures.add(workers.submit(() -> {
                // Worker w sends batches w, w+C, w+2C … in order: with disjoint stripes every partition's
                // sequences arrive in order from one stream, as from one coordinator consumer.
                for (int i = worker; i < batches; i += concurrency) {
                    try {
                        HttpRequest request = Credentials.request(endpoint)
                                .timeout(Duration.ofSeconds(120))
                                .header("Content-Type", contentType)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.body(i)))
                                .build();
                        long t = System.nanoTime();
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        phase.latenciesNanos[i] = System.nanoTime() - t;
                        if (response.statusCode() != 200) {
                            phase.errors.incrementAndGet();
                            System.err.println("batch " + i + ": HTTP " + response.statusCode() + " " + response.body());
                            continue;
                        }
                        JsonNode result = json.readTree(response.body());
                        long inserted = result.path("inserted").asLong();
                        long unchanged = result.path("unchanged").asLong();
                        long updated = result.path("updated").asLong();
                        phase.inserted.addAndGet(inserted);
                        phase.unchanged.addAndGet(unchanged);
                        phase.entries.addAndGet(inserted + unchanged + updated + result.path("conflicts").size());
                    } catch (IOException e) {
                        phase.errors.incrementAndGet();
                        System.err.println("batch " + i + ": " + e);
                    } catch (Exception e) {
                        phase.errors.incrementAndGet();
                        System.err.println("batch " + i + ": " + e);
                    } finally {
                        done.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        phase.endNanos = System.nanoTime();
        workers.shutdown();
        workers.awaitTermination(10, TimeUnit.SECONDS);
        if (reporter != null) {
            reporter.interrupt();
        }
        return phase;
    }
}
