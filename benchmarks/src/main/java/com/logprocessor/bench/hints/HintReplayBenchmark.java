package com.logprocessor.bench.hints;

import com.logprocessor.bench.support.Credentials;
import com.logprocessor.bench.ingest.NodeIngestBenchmark.EntrySource;
import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryCodec;
import com.logprocessor.localcluster.LocalCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hint replay rate into one storage node, end to end on a running local cluster
 * ({@code ./setup.sh}): stops the node (gracefully, so it is DOWN at once), writes {@code --hints}
 * hints for it to {@code logs.hints} the way coordinators do (key = node id, value = the placed
 * entry in the internal codec), waits until the hint manager has stored them all (the intake
 * rate), starts the node, and times the replay from the first hint delivered to none pending (the
 * replay rate). Finally checks that the node's entry count grew by exactly the number of hints.
 *
 * <pre>
 * ./setup.sh
 * java -cp benchmarks/target/benchmarks.jar com.logprocessor.bench.hints.HintReplayBenchmark --hints=200000
 * </pre>
 * Options ({@code --name=value}): run-dir (default ./run), node (storage-node-1), hints (200000),
 * partitions (1000), message-bytes (120).
 */
public final class HintReplayBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private HintReplayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("logback.configurationFile") == null) {
            // The local-cluster CLI's quiet logging, not every Kafka client setting at INFO.
            System.setProperty("logback.configurationFile", "local-cluster-cli-logback.xml");
        }
        Map<String, String> o = new HashMap<>();
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                System.out.println("options (--name=value): run-dir, node, hints, partitions, message-bytes");
                return;
            }
            if (!a.startsWith("--") || !a.contains("=")) {
                throw new IllegalArgumentException("arguments are --name=value, got '" + a + "'");
            }
            o.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        Path runDir = Path.of(o.getOrDefault("run-dir", "run")).toAbsolutePath();
        String node = o.getOrDefault("node", "storage-node-1");
        int hints = Integer.parseInt(o.getOrDefault("hints", "200000"));
        int partitions = Integer.parseInt(o.getOrDefault("partitions", "1000"));
        int messageBytes = Integer.parseInt(o.getOrDefault("message-bytes", "120"));

        LocalCluster cluster = LocalCluster.attach(runDir);
        String hintManager = cluster.url("hint-manager");
        String nodeUrl = cluster.url(node);
        long countBefore = getJson(nodeUrl + "/api/storage/count").get("count").asLong();
        long replayedBefore = getJson(hintManager + "/api/hints/stats").get("replayed").asLong();
        System.out.printf(Locale.ROOT, "hint replay: %,d hints for %s (%,d entries stored now), %d partitions, ~%d B messages%n",
                hints, node, countBefore, partitions, messageBytes);

        cluster.stop(node);
        System.out.println(node + " stopped (DOWN): writing its hints to logs.hints ...");
        EntrySource source = new EntrySource(partitions, messageBytes, true);
        List<byte[]> encoded = new ArrayList<>(hints);
        SplittableRandom random = new SplittableRandom(42);
        while (encoded.size() < hints) {
            for (LogEntry e : source.batch(random, Math.min(10_000, hints - encoded.size()), 0, 1)) {
                encoded.add(LogEntryCodec.encode(e));
            }
        }
        long t0 = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = producer(cluster.kafkaBootstrapServers())) {
            List<Future<?>> sends = new ArrayList<>(hints);
            long now = System.currentTimeMillis();
            for (byte[] entry : encoded) {
                // The shape of service-support's HintRecords: key = target node, value = the encoded entry.
                sends.add(producer.send(new ProducerRecord<>("logs.hints", null, now, node, entry)));
            }
            for (Future<?> send : sends) {
                send.get();
            }
        }
        double produced = (System.nanoTime() - t0) / 1e9;
        await(() -> pending(hintManager, node) >= hints, Duration.ofMinutes(10), "the hint manager to store the hints");
        double stored = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "written to Kafka in %.1f s; stored by the hint manager after %.1f s (%,.0f hints/s intake)%n",
                produced, stored, hints / stored);

        long startAt = System.nanoTime();
        cluster.start(node);
        cluster.awaitReady(node);
        System.out.printf(Locale.ROOT, "%s ready after %.1f s: replaying ...%n", node, (System.nanoTime() - startAt) / 1e9);
        long first = 0;
        long last;
        long lastReport = System.nanoTime();
        while (true) {
            long replayed = getJson(hintManager + "/api/hints/stats").get("replayed").asLong() - replayedBefore;
            long pending = pending(hintManager, node);
            long now = System.nanoTime();
            if (first == 0 && replayed > 0) {
                first = now;
            }
            if (now - lastReport > 2_000_000_000L) {
                System.out.printf(Locale.ROOT, "  replayed %,d, pending %,d%n", replayed, pending);
                lastReport = now;
            }
            if (pending == 0 && replayed >= hints) {
                last = now;
                break;
            }
            if (now - startAt > Duration.ofMinutes(10).toNanos()) {
                throw new IllegalStateException("replay not done after 10 minutes: " + replayed + " replayed, " + pending + " pending");
            }
            Thread.sleep(50);
        }
        double seconds = Math.max(1e-3, (last - first) / 1e9);
        long countAfter = getJson(nodeUrl + "/api/storage/count").get("count").asLong();
        System.out.printf(Locale.ROOT, "replayed %,d hints in %.2f s: %,.0f hints/s into %s (node count +%,d)%n",
                hints, seconds, hints / seconds, node, countAfter - countBefore);
        if (countAfter - countBefore != hints) {
            System.out.println("MISMATCH: the node's count grew by " + (countAfter - countBefore) + ", not " + hints);
            System.exit(1);
        }
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    private static long pending(String hintManager, String node) throws Exception {
        for (JsonNode n : getJson(hintManager + "/api/hints/pending").get("nodes")) {
            if (n.get("node").asString().equals(node)) {
                return n.get("pending").asLong();
            }
        }
        return 0;
    }

    private static JsonNode getJson(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(Credentials.request(url).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(Condition condition, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
