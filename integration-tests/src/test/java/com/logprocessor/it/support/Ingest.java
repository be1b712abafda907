package com.logprocessor.it.support;

import static org.awaitility.Awaitility.await;

import com.logprocessor.core.entry.LogEntry;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** Sends logs through the gateway and reads them back, as a client would. */
public final class Ingest {

    /** A log the gateway acknowledged (202). */
    public record Acked(UUID id, String key) {
    }

    private Ingest() {
    }

    /** Posts one batch (one log per key, in order); returns the acknowledged logs, or fails. */
    public static List<Acked> send(List<String> keys, String consistency) {
        List<Acked> logs = keys.stream().map(k -> new Acked(UUID.randomUUID(), k)).toList();
        HttpResponse<String> response = Http.post(TestCluster.gatewayUrl() + "/api/logs/batch"
                + (consistency == null ? "" : "?consistency=" + consistency), body(logs));
        if (response.statusCode() != 202) {
            throw new AssertionError("batch answered " + response.statusCode() + ": " + response.body());
        }
        return logs;
    }

    static String body(List<Acked> logs) {
        StringBuilder b = new StringBuilder("{\"logs\":[");
        for (int i = 0; i < logs.size(); i++) {
            Acked l = logs.get(i);
            b.append(i == 0 ? "" : ",").append("{\"id\":\"").append(l.id()).append("\",\"partitionId\":\"")
                    .append(l.key()).append("\",\"service\":\"it\",\"message\":\"integration test log ")
                    .append(i).append("\"}");
        }
        return b.append("]}").toString();
    }

    /** The ids of all of a key's logs the gateway's query returns, paging through the partition in sequence order. */
    public static Set<UUID> readable(String key) {
        Set<UUID> ids = new HashSet<>();
        long after = 0;
        while (true) {
            HttpResponse<String> response = Http.get(TestCluster.gatewayUrl() + "/api/logs?limit=1000&partitionKey="
                    + URLEncoder.encode(key, StandardCharsets.UTF_8) + "&afterSequence=" + after);
            if (response.statusCode() != 200) {
                throw new AssertionError("query of " + key + " answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode page = Http.json(response);
            for (JsonNode e : page) {
                ids.add(UUID.fromString(e.get("id").asString()));
                after = Math.max(after, e.get("sequence").asLong());
            }
            if (page.size() < 1000) {
                return ids;
            }
        }
    }

    /** The acknowledged logs not (yet) readable. */
    public static List<Acked> unreadable(Collection<Acked> acked) {
        Map<String, List<Acked>> byKey = acked.stream().collect(Collectors.groupingBy(Acked::key));
        List<Acked> missing = new ArrayList<>();
        byKey.forEach((key, logs) -> {
            Set<UUID> found = readable(key);
            logs.stream().filter(l -> !found.contains(l.id())).forEach(missing::add);
        });
        return missing;
    }

    /**
     * Sends batches in the background from one thread until stopped, at most {@code perSecond}
     * logs a second, over {@code keys}; a batch that fails is counted and not retried.
     */
    public static final class Load implements AutoCloseable {
        private final List<String> keys;
        private final int batch;
        private final int perSecond;
        private final String consistency;
        private final List<Acked> acked = new CopyOnWriteArrayList<>();
        private final Map<String, Integer> failures = new ConcurrentHashMap<>();
        private final AtomicLong sent = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        public Load(List<String> keys, int batch, int perSecond, String consistency) {
            this.keys = keys;
            this.batch = batch;
            this.perSecond = perSecond;
            this.consistency = consistency;
            this.thread = new Thread(this::run, "it-load");
            thread.start();
        }

        private void run() {
            SplittableRandom random = new SplittableRandom(keys.hashCode());
            long start = System.nanoTime();
            while (running.get()) {
                List<String> batchKeys = new ArrayList<>(batch);
                for (int i = 0; i < batch; i++) {
                    batchKeys.add(keys.get(random.nextInt(keys.size())));
                }
                try {
                    acked.addAll(send(batchKeys, consistency));
                } catch (Throwable e) {
                    failures.merge(e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""),
                            1, Integer::sum);
                }
                long due = start + (long) (1e9 * sent.addAndGet(batch) / perSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }

        /** Waits until at least {@code n} logs are acknowledged. */
        public void awaitAcked(int n, Duration timeout) {
            await().atMost(timeout).until(() -> acked.size() >= n);
        }

        public List<Acked> acked() {
            return List.copyOf(acked);
        }

        /** Failed batches by reason (a node crash must not make the gateway refuse logs). */
        public Map<String, Integer> failures() {
            return Map.copyOf(failures);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(60_000);
        }
    }

    /** Every stored copy of one key's logs on one node (for checks of sequences and duplicates). */
    public static List<LogEntry> onNode(String nodeUrl, String key) {
        List<LogEntry> all = new ArrayList<>();
        while (true) {
            long after = all.isEmpty() ? 0 : all.get(all.size() - 1).sequence();
            HttpResponse<String> response = Http.get(nodeUrl + "/api/storage/query?limit=1000&afterSequence=" + after
                    + "&partitionKey=" + URLEncoder.encode(key, StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new AssertionError(nodeUrl + " query answered " + response.statusCode() + ": " + response.body());
            }
            List<LogEntry> page = List.of(Http.JSON.readValue(response.body(), LogEntry[].class));
            all.addAll(page);
            if (page.size() < 1000) {
                return all;
            }
        }
    }
}
