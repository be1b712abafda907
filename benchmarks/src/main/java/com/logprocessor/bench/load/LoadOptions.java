package com.logprocessor.bench.load;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Settings of a load run, from {@code --name value} arguments.
 *
 * @param gateway the gateway's base URL
 * @param coordinator the coordinator's base URL (for the distribution)
 * @param coordinators every coordinator's base URL: the written counts and latency histograms are
 *        summed over them (with two coordinators each writes the partitions it owns)
 * @param rate target logs per second; 0 sends as fast as the system accepts
 * @param duration how long to send (ignored when {@code count} is set)
 * @param count how many logs to send in all (0: use {@code duration})
 * @param batch logs per request
 * @param concurrency requests in flight at most
 * @param keys distinct source IPs (partition keys)
 * @param consistency consistency level to ask for (null: the coordinator's default)
 * @param verify read every acknowledged log back at the end
 * @param seed random seed of the generated keys and messages (ids are new on every run)
 * @param clientIds send an id with each log (random UUIDv4) instead of taking the ids the gateway
 *        assigns (time-ordered UUIDv7) from its answers
 */
public record LoadOptions(URI gateway, URI coordinator, List<URI> coordinators, int rate, Duration duration, long count, int batch,
                          int concurrency, int keys, String consistency, boolean verify, long seed,
                          boolean clientIds) {

    static final String USAGE = """
            Usage: java -cp benchmarks/target/benchmarks.jar com.logprocessor.bench.load.LoadGenerator [options]
              --gateway URL        gateway base URL                        (http://127.0.0.1:8080)
              --coordinator URLS   coordinator base URL(s), comma-separated (http://127.0.0.1:8081)
              --rate N             target logs/s, 0 = as fast as possible  (10000)
              --duration 60s       how long to send                        (60s)
              --count N            send exactly N logs instead of a duration
              --batch N            logs per request (1 uses POST /api/logs) (1000)
              --concurrency N      requests in flight at most              (8)
              --keys N             distinct source IPs                     (5000)
              --consistency LEVEL  ONE, QUORUM or ALL                      (coordinator default)
              --verify             read every acknowledged log back at the end
              --seed N             seed of keys and messages (ids are always new) (42)
              --client-ids         send random ids instead of taking the gateway's
            """;

    public static LoadOptions parse(String[] args) {
        URI gateway = URI.create("http://127.0.0.1:8080");
        List<URI> coordinators = List.of(URI.create("http://127.0.0.1:8081"));
        int rate = 10_000;
        Duration duration = Duration.ofSeconds(60);
        long count = 0;
        int batch = 1000;
        int concurrency = 8;
        int keys = 5000;
        String consistency = null;
        boolean verify = false;
        long seed = 42;
        boolean clientIds = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--gateway" -> gateway = URI.create(value(args, ++i, a));
                case "--coordinator" -> coordinators = Arrays.stream(value(args, ++i, a).split(","))
                        .map(String::trim).filter(u -> !u.isEmpty()).map(URI::create).toList();
                case "--rate" -> rate = Integer.parseInt(value(args, ++i, a));
                case "--duration" -> duration = duration(value(args, ++i, a));
                case "--count" -> count = Long.parseLong(value(args, ++i, a));
                case "--batch" -> batch = Integer.parseInt(value(args, ++i, a));
                case "--concurrency" -> concurrency = Integer.parseInt(value(args, ++i, a));
                case "--keys" -> keys = Integer.parseInt(value(args, ++i, a));
                case "--consistency" -> consistency = value(args, ++i, a).toUpperCase(Locale.ROOT);
                case "--verify" -> verify = true;
                case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                case "--client-ids" -> clientIds = true;
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
            }
        }
        if (batch < 1 || batch > 10_000 || concurrency < 1 || keys < 1 || rate < 0) {
            throw new IllegalArgumentException("batch must be 1..10000; concurrency, keys >= 1; rate >= 0\n" + USAGE);
        }
        if (coordinators.isEmpty()) {
            throw new IllegalArgumentException("--coordinator needs at least one URL\n" + USAGE);
        }
        return new LoadOptions(gateway, coordinators.get(0), coordinators, rate, duration, count, batch, concurrency, keys, consistency,
                verify, seed, clientIds);
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    /** A duration option: {@code 500ms}, {@code 30s}, {@code 2m} or plain seconds. */
    public static Duration duration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(t.endsWith("s") ? t.substring(0, t.length() - 1) : t));
    }

    /** The number of logs the run sends. */
    long total() {
        return count > 0 ? count : (long) rate * duration.toSeconds();
    }
}
