package com.logprocessor.it.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.it.support.Http;
import com.logprocessor.it.support.NodeDatabase;
import com.logprocessor.it.support.OpenApi;
import com.logprocessor.it.support.OpenApi.Operation;
import com.logprocessor.it.support.OpenApi.Parameter;
import com.logprocessor.it.support.TestCluster;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A seeded fuzz of malformed requests over every documented endpoint of every service, with the
 * internal token (so every endpoint is reached, not refused at the door): bad path variables, bad
 * query values, broken and ill-typed bodies, wrong content types and methods, odd headers. No answer
 * may be a 5xx, every 4xx is problem+json, and nothing from a refused request is stored: each request
 * carries its own marker partition key, and after the ingest pipeline has drained no node holds the
 * marker of a refused one. Runs last: a write a fuzz request gets through to one node only would
 * otherwise be divergence for the anti-entropy tests to find. {@code -Dfuzz.seed=} replays a run.
 */
@Order(150)
class FuzzIT {

    private static final int REQUESTS = 5_200;
    private static final long SEED = Long.getLong("fuzz.seed", 20261129L);

    private static final List<String> BAD_PATH_VALUES = List.of("%00", "%2F", "%2e%2e", "a%0Ab", "%FF%FE", "-1",
            "99999999999999999999", "NaN", "%25", "%E2%9C%93", "%20", "x".repeat(9000), "1.5", "0x10", "%5C", ".", "..");
    private static final List<String> BAD_QUERY_VALUES = List.of("", "-1", "0", "abc", "1e309", "99999999999999999999",
            "%00", "x".repeat(3000), "ALL%3BDROP", "TRUE", "ONE,QUORUM", "%FF", "2026-13-45T99:99:99Z", "%0D%0Aevil:1",
            "-9223372036854775809", "null", "%E2%80%AE", "%5B%5D", "%7B%7D");
    private static final List<String> BAD_CONTENT_TYPES = List.of("text/plain", "application/xml", "a/b/c",
            "application/json; charset=nope", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
            "application/x-log-entries");
    private static final List<String[]> ODD_HEADERS = List.of(new String[]{"Accept", "application/xml"},
            new String[]{"Accept", "text/html"}, new String[]{"Accept", "image/png"}, new String[]{"Content-Encoding", "gzip"},
            new String[]{"Range", "bytes=abc"}, new String[]{"If-Modified-Since", "yesterday"},
            new String[]{"Accept-Charset", "ebcdic"}, new String[]{"X-Forwarded-For", "not-an-address"},
            new String[]{"Accept", "application/json;q=abc"});

    private static final Set<String> WRITES = Set.of("/api/logs", "/api/logs/batch", "/api/write", "/api/storage/store",
            "/api/storage/store/batch");

    private record Sent(int index, Operation op, String description, String marker, HttpResponse<String> answer) {
    }

    @Test
    void malformedRequestsAreRefusedWithProblemsAndStoreNothing() {
        Random random = new Random(SEED);
        String run = "fuzz-" + Long.toHexString(random.nextLong() & 0xffffffffL);
        List<Operation> operations = OpenApi.ofTestCluster();
        assertThat(operations).hasSizeGreaterThan(20);

        List<Sent> sent = new ArrayList<>(REQUESTS);
        for (int i = 0; i < REQUESTS; i++) {
            Operation op = operations.get(random.nextInt(operations.size()));
            sent.add(send(i, op, run + "-" + i, random));
        }

        List<String> failures = new ArrayList<>();
        Map<Integer, Long> statuses = new TreeMap<>();
        for (Sent s : sent) {
            int status = s.answer().statusCode();
            statuses.merge(status, 1L, Long::sum);
            if (status >= 500) {
                failures.add(s.op() + " [" + s.description() + "] answered " + status + ": " + abbreviate(s.answer().body()));
            } else if (status >= 400 && !isProblem(s.answer())) {
                failures.add(s.op() + " [" + s.description() + "] answered " + status + " without problem+json ("
                        + s.answer().headers().firstValue("Content-Type").orElse("no type") + "): " + abbreviate(s.answer().body()));
            }
        }
        System.out.println("FuzzIT seed " + SEED + ": " + sent.size() + " requests over " + operations.size()
                + " operations; statuses " + statuses);
        assertThat(failures).as("seed %d: %d of %d requests", SEED, failures.size(), sent.size())
                .hasSizeLessThanOrEqualTo(0);
        assertThat(sent.stream().filter(s -> s.answer().statusCode() >= 400).count()).as("refused").isGreaterThan(REQUESTS / 2);

        // Nothing from a refused request is stored, on any replica, once what was accepted has gone through Kafka.
        Set<Integer> refused = sent.stream().filter(s -> s.answer().statusCode() >= 400).map(Sent::index)
                .collect(Collectors.toSet());
        // The control: a write the fuzz got accepted (an odd header that changes nothing) is found by its marker.
        Set<Integer> acceptedWrites = sent.stream().filter(s -> s.answer().statusCode() / 100 == 2
                        && s.description().contains(": POST ") && WRITES.contains(s.op().path()))
                .map(Sent::index).collect(Collectors.toSet());
        assertThat(acceptedWrites).as("accepted writes (the control of the store check)").isNotEmpty();
        awaitIngestDrained(run);
        Set<Integer> stored = new HashSet<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            stored.clear();
            for (int n = 1; n <= 3; n++) {
                stored.addAll(storedMarkers(n, run));
            }
            assertThat(stored).as("accepted writes stored").containsAll(acceptedWrites);
        });
        Set<Integer> refusedButStored = new HashSet<>(stored);
        refusedButStored.retainAll(refused);
        assertThat(refusedButStored).as("refused requests whose marker a node stores: %s",
                refusedButStored.stream().limit(10).map(i -> sent.get(i).op() + " [" + sent.get(i).description() + "]").toList())
                .isEmpty();
    }

    private static Sent send(int index, Operation op, String marker, Random random) {
        // What to break: a path variable, a query value, the body, the content type, the method, or a header.
        List<String> kinds = new ArrayList<>(List.of("query", "method", "header"));
        if (!op.in("path").isEmpty()) {
            kinds.add("path");
            kinds.add("path");
        }
        if (op.hasBody()) {
            kinds.addAll(List.of("body", "body", "body", "content-type"));
        }
        String kind = kinds.get(random.nextInt(kinds.size()));
        Parameter broken = kind.equals("path") ? op.in("path").get(random.nextInt(op.in("path").size())) : null;
        String path = op.path(p -> p == broken ? pick(BAD_PATH_VALUES, random) : sample(p, marker));

        // Every documented parameter is sent, well-formed unless it is one being broken: left out, an
        // optional one can mean "all" (a node's digest verification of every partition).
        StringBuilder query = new StringBuilder();
        for (Parameter p : op.in("query")) {
            query.append(query.isEmpty() ? "?" : "&").append(p.name()).append('=')
                    .append(kind.equals("query") && random.nextInt(3) == 0 ? pick(BAD_QUERY_VALUES, random) : sample(p, marker));
        }
        if (kind.equals("query")) {
            String name = op.in("query").isEmpty() || random.nextBoolean() ? "bogus" : pick(op.in("query"), random).name();
            query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(pick(BAD_QUERY_VALUES, random));
        }

        String method = op.method();
        if (kind.equals("method")) {
            method = pick(List.of("PUT", "PATCH", "DELETE", "POST", "GET"), random);
        }
        String contentType = op.hasBody() ? op.bodyTypes().get(0) : null;
        byte[] body = op.hasBody() ? validishBody(op, marker) : null;
        if (kind.equals("body")) {
            body = badBody(op, marker, random);
        } else if (kind.equals("content-type")) {
            contentType = pick(BAD_CONTENT_TYPES, random);
        }

        HttpRequest.Builder request = Http.authorized(op.baseUrl() + path + query).timeout(Duration.ofSeconds(60));
        String description = kind + ": " + method + " " + abbreviate(path + query);
        if (kind.equals("header")) {
            String[] header = pick(ODD_HEADERS, random);
            request.header(header[0], header[1]);
            description += " " + header[0] + ": " + header[1];
        }
        boolean sendsBody = body != null && !method.equals("GET") && !method.equals("DELETE");
        if (sendsBody && contentType != null) {
            request.header("Content-Type", contentType);
            description += " (" + contentType + ") " + abbreviate(new String(body, StandardCharsets.UTF_8));
        }
        request.method(method, sendsBody ? HttpRequest.BodyPublishers.ofByteArray(body) : HttpRequest.BodyPublishers.noBody());
        HttpResponse<String> answer;
        try {
            answer = Http.send(request.build());
        } catch (RuntimeException e) {
            throw new AssertionError(op + " [" + description + "] got no answer: " + e, e);
        }
        return new Sent(index, op, description, marker, answer);
    }

    /** A well-formed value for a parameter that is not the one being broken; string values carry the marker. */
    private static String sample(Parameter p, String marker) {
        return switch (p.type()) {
            case "integer", "number" -> "1";
            case "boolean" -> "true";
            default -> p.name().equals("consistency") ? "QUORUM" : p.name().equals("reason") ? "fuzz" : marker;
        };
    }

    /** A body of the right shape for the endpoint (a log, a batch, a tree request), with the marker as its key. */
    private static byte[] validishBody(Operation op, String marker) {
        String log = "{\"partitionId\":\"" + marker + "\",\"sourceIp\":\"10.9.9.9\",\"message\":\"fuzz\"}";
        String json = switch (op.path()) {
            case "/api/logs/batch" -> "{\"logs\":[" + log + "]}";
            case "/api/storage/store" -> entry(marker, "1");
            case "/api/storage/store/batch" -> "{\"entries\":[" + entry(marker, "1") + "]}";
            default -> op.path().startsWith("/api/merkle") || op.path().startsWith("/api/storage/partitions")
                    ? "{\"partitionKey\":\"" + marker + "\",\"partitionKeys\":[\"" + marker + "\"],\"nodes\":[\"storage-node-1\"]}"
                    : log;
        };
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String entry(String marker, String sequence) {
        return "{\"id\":\"" + java.util.UUID.randomUUID() + "\",\"partitionKey\":\"" + marker + "\",\"sequence\":" + sequence
                + ",\"timestamp\":\"2026-11-29T00:00:00Z\",\"level\":\"INFO\",\"message\":\"fuzz\","
                + "\"version\":{\"counter\":1,\"nodeId\":\"fuzz\"}}";
    }

    /** Broken JSON, ill-typed fields, values that break the rules, bytes that are not UTF-8, nesting past any limit. */
    private static byte[] badBody(Operation op, String marker, Random random) {
        String k = marker;
        List<String> bodies = List.of("", "{", "null", "[]", "\"text\"", "[1,2]", "{}",
                "{\"partitionId\":\"" + k + "\",\"message\":",
                "[".repeat(5000) + "]".repeat(5000),
                "{\"partitionId\":\"" + k + "\",\"message\":\"m\",\"level\":\"NOPE\"}",
                "{\"partitionId\":\"" + k + "\",\"message\":\"m\",\"timestamp\":\"yesterday\"}",
                "{\"partitionId\":\"" + k + "\",\"message\":\"m\",\"id\":\"not-a-uuid\"}",
                "{\"partitionId\":123,\"sourceIp\":\"" + k + "\",\"message\":{}}",
                "{\"partitionId\":\"" + k + "\\u0000\",\"message\":\"m\"}",
                "{\"partitionId\":\"" + k + "\",\"message\":\"" + "m".repeat(random.nextInt(8) == 0 ? 3_000_000 : 70_000) + "\"}",
                "{\"partitionId\":\"" + k + "\",\"message\":\"m\",\"attributes\":[1]}",
                "{\"partitionId\":\"" + k + "\",\"message\":\"m\",\"timestamp\":1e400}",
                "{\"logs\":\"not-an-array\"}", "{\"logs\":[null]}", "{\"logs\":[{\"partitionId\":\"" + k + "\"}]}",
                "{\"logs\":[" + ("{\"partitionId\":\"" + k + "\",\"message\":\"m\"},").repeat(2000) + "{}]}",
                "{\"entries\":[" + entry(k, "-1") + "]}", entry(k, "\"one\""), entry(k, "-5"),
                "{\"partitionKey\":\"" + k + "\",\"partitionKeys\":\"x\",\"nodes\":[]}",
                "{\"partitionKey\":\"\",\"nodes\":[\"" + "n".repeat(500) + "\"]}",
                "{\"ranges\":[{\"partitionKey\":\"" + k + "\",\"from\":5,\"to\":1}]}");
        int choice = random.nextInt(bodies.size() + 2);
        if (choice == bodies.size()) {
            byte[] notUtf8 = ("{\"partitionId\":\"" + k + "\",\"message\":\"").getBytes(StandardCharsets.UTF_8);
            byte[] bytes = java.util.Arrays.copyOf(notUtf8, notUtf8.length + 4);
            bytes[notUtf8.length] = (byte) 0xff;
            bytes[notUtf8.length + 1] = (byte) 0xfe;
            bytes[notUtf8.length + 2] = '"';
            bytes[notUtf8.length + 3] = '}';
            return bytes;
        }
        if (choice == bodies.size() + 1) {
            byte[] garbage = new byte[1 + random.nextInt(512)];
            random.nextBytes(garbage);
            return garbage;
        }
        return bodies.get(choice).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Waits until a sentinel batch, sent after the fuzz through the gateway, is on its replicas: the
     * coordinator consumes each Kafka partition in order, and 64 keys cover every ingest partition, so
     * by then every fuzz log the gateway accepted has been written (or dead-lettered).
     */
    private static void awaitIngestDrained(String run) {
        List<String> keys = IntStream.range(0, 64).mapToObj(i -> run + "-sentinel-" + i).toList();
        String logs = keys.stream().map(key -> "{\"partitionId\":\"" + key + "\",\"message\":\"sentinel\"}")
                .collect(Collectors.joining(","));
        HttpResponse<String> accepted = Http.post(TestCluster.gatewayUrl() + "/api/logs/batch", "{\"logs\":[" + logs + "]}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            long copies = 0;
            for (int n = 1; n <= 3; n++) {
                copies += NodeDatabase.count(n, "SELECT count(*) FROM log_entries WHERE partition_key LIKE ?",
                        run + "-sentinel-%");
            }
            assertThat(copies).as("sentinel copies stored").isGreaterThanOrEqualTo(64L * 2);
        });
    }

    /** The request indexes whose marker partition node {@code n} stores. */
    private static Set<Integer> storedMarkers(int n, String run) {
        Set<Integer> indexes = new HashSet<>();
        for (String key : NodeDatabase.strings(n, "SELECT DISTINCT partition_key FROM log_entries WHERE partition_key LIKE ?",
                run + "-%")) {
            String suffix = key.substring(run.length() + 1);
            if (suffix.matches("[0-9]+")) {
                indexes.add(Integer.parseInt(suffix));
            }
        }
        return indexes;
    }

    private static boolean isProblem(HttpResponse<String> answer) {
        if (!answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            return false;
        }
        try {
            JsonNode body = Http.json(answer);
            return body.path("status").asInt() == answer.statusCode() && !body.path("title").asString().isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() <= 160 ? flat : flat.substring(0, 160) + "...(" + flat.length() + " chars)";
    }
}
