package com.logprocessor.storage.query;

import static com.logprocessor.storage.testing.Entries.partition;
import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryCodec;
import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.core.version.LamportVersion;
import com.logprocessor.storage.testing.StorageHttp;
import com.logprocessor.storage.testing.StorageNodeTest;
import com.logprocessor.support.security.InternalToken;
import com.logprocessor.support.storage.StorageNodeClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@StorageNodeTest
class QueryEndpointsTest {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcTemplate jdbc;

    StorageHttp http;
    String key;
    String ip;
    List<LogEntry> stored;
    final Instant t0 = Instant.parse("2031-05-01T10:00:00Z");

    @BeforeEach
    void storeEntries() {
        http = new StorageHttp(port, json);
        key = partition("query");
        // An IP of its own, so other tests' entries never match.
        ip = "fd00::" + Integer.toHexString(new java.util.Random().nextInt(0xffff));
        stored = new ArrayList<>();
        LogLevel[] levels = LogLevel.values();
        for (int i = 1; i <= 30; i++) {
            stored.add(new LogEntry(UUID.randomUUID(), key, i, t0.plusSeconds(i), levels[i % levels.length],
                    i % 3 == 0 ? ip : "192.0.2." + i, "svc", "m" + i, Map.of(), new LamportVersion(1, "c")));
        }
        http.storeBatch(stored).expect(200);
    }

    @Test
    void filtersByPartitionKeyNewestFirst() {
        List<LogEntry> found = query("partitionKey=" + key + "&limit=5");

        assertThat(found).extracting(LogEntry::sequence).containsExactly(30L, 29L, 28L, 27L, 26L);
    }

    @Test
    void aPartitionReadsPageByPageInSequenceOrderAfterACursor() {
        assertThat(query("partitionKey=" + key + "&afterSequence=0&limit=4")).extracting(LogEntry::sequence)
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(query("partitionKey=" + key + "&afterSequence=27&limit=10")).extracting(LogEntry::sequence)
                .containsExactly(28L, 29L, 30L);
        assertThat(query("partitionKey=" + key + "&afterSequence=30")).isEmpty();
        JsonNode problem = http.get("/api/storage/query?afterSequence=3").problem(400);
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("afterSequence");
    }

    @Test
    void filtersBySourceIpLevelAndTimeRange() {
        assertThat(query("sourceIp=" + StorageHttp.encode(ip))).extracting(LogEntry::sequence)
                .containsExactly(30L, 27L, 24L, 21L, 18L, 15L, 12L, 9L, 6L, 3L);
        // level is a minimum severity: ERROR matches ERROR and FATAL.
        assertThat(query("partitionKey=" + key + "&level=error")).extracting(LogEntry::level)
                .containsOnly(LogLevel.ERROR, LogLevel.FATAL).hasSize(10);
        // from inclusive, to exclusive.
        assertThat(query("partitionKey=" + key + "&from=" + t0.plusSeconds(10) + "&to=" + t0.plusSeconds(13)))
                .extracting(LogEntry::sequence).containsExactly(12L, 11L, 10L);
        assertThat(query("sourceIp=" + StorageHttp.encode(ip) + "&level=WARN&from=2031-05-01T12:00:10%2B02:00"))
                .extracting(LogEntry::sequence).containsExactly(27L, 21L, 15L);
    }

    @Test
    void aSourceIpFindsItsEntriesWhetherOrNotTheyAreKeyedByIt() {
        // Most entries are keyed by their source IP (the default partition key); some name a
        // partitionId. The two halves are stored and indexed differently (V3): a query sees both.
        String source = "198.51.100." + (1 + new java.util.Random().nextInt(254));
        String other = partition("tenant");
        List<LogEntry> keyedByIp = new ArrayList<>();
        List<LogEntry> keyedOtherwise = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            // Interleaved in time: odd seconds under the IP's own key, even ones under another key.
            keyedByIp.add(new LogEntry(UUID.randomUUID(), source, i, t0.plusSeconds(2L * i - 1),
                    i % 2 == 0 ? LogLevel.ERROR : LogLevel.INFO, source, "svc", "own" + i, Map.of(),
                    new LamportVersion(1, "c")));
            keyedOtherwise.add(new LogEntry(UUID.randomUUID(), other, i, t0.plusSeconds(2L * i),
                    i % 2 == 0 ? LogLevel.ERROR : LogLevel.INFO, source, "svc", "other" + i, Map.of(),
                    new LamportVersion(1, "c")));
        }
        // Under the IP's key but from another source: not a match.
        keyedByIp.add(new LogEntry(UUID.randomUUID(), source, 7, t0.plusSeconds(100), LogLevel.ERROR,
                "203.0.113.9", "svc", "not from the IP", Map.of(), new LamportVersion(1, "c")));
        http.storeBatch(keyedByIp).expect(200);
        http.storeBatch(keyedOtherwise).expect(200);

        assertThat(query("sourceIp=" + source + "&limit=20")).extracting(LogEntry::message).containsExactly(
                "other6", "own6", "other5", "own5", "other4", "own4", "other3", "own3", "other2", "own2",
                "other1", "own1");
        // The limit applies to the merged, newest-first result, not to each half.
        assertThat(query("sourceIp=" + source + "&limit=3")).extracting(LogEntry::message)
                .containsExactly("other6", "own6", "other5");
        assertThat(query("sourceIp=" + source + "&level=ERROR&to=" + t0.plusSeconds(11)))
                .extracting(LogEntry::message).containsExactly("other4", "own4", "other2", "own2");
        assertThat(query("sourceIp=" + source + "&partitionKey=" + other + "&limit=2"))
                .extracting(LogEntry::message).containsExactly("other6", "other5");
    }

    @Test
    void theEntriesNotKeyedByTheirSourceIpAreFoundThroughThePartialIndex() {
        // The planner uses a partial index only if the query's predicate implies the index's;
        // with sequential scans off, anything but the index would show as a Seq Scan.
        String plan = jdbc.execute((ConnectionCallback<String>) con -> {
            try (Statement st = con.createStatement()) {
                st.execute("SET enable_seqscan = off");
            }
            StringBuilder lines = new StringBuilder();
            try (PreparedStatement ps = con.prepareStatement("EXPLAIN SELECT * FROM log_entries WHERE "
                    + EntryReader.SOURCE_IP_NOT_THE_KEY + " ORDER BY ts DESC LIMIT 10")) {
                ps.setString(1, ip);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lines.append(rs.getString(1)).append('\n');
                    }
                }
            } finally {
                try (Statement st = con.createStatement()) {
                    st.execute("RESET enable_seqscan");
                }
            }
            return lines.toString();
        });

        assertThat(plan).contains("log_entries_source_ip_ts_idx").doesNotContain("Seq Scan");
    }

    @Test
    void withoutFiltersReturnsTheNewestEntriesUpToTheLimit() {
        List<LogEntry> found = query("limit=1000");

        assertThat(found).hasSizeLessThanOrEqualTo(1000);
        assertThat(found).extracting(LogEntry::timestamp).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(query("")).hasSizeLessThanOrEqualTo(100);
    }

    @Test
    void badParametersAreProblems() {
        JsonNode problem = http.get("/api/storage/query?level=LOUD&from=yesterday&limit=5000&sourceIp=nope")
                .problem(400);

        assertThat(problem.path("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("level", "from", "limit", "sourceIp");
        assertThat(problem.path("detail").asString()).contains("TRACE, DEBUG, INFO, WARN, ERROR, FATAL");
        http.get("/api/storage/query?from=2031-05-01T10:00:00Z&to=2031-05-01T09:00:00Z").problem(400);
        http.get("/api/storage/query?limit=0").problem(400);
        http.get("/api/storage/query?limit=ten").problem(400);
    }

    @Test
    void readsByKeyAndAnswers404ForAMissingOne() {
        assertThat(http.entry(key, 5).expect(200).as(LogEntry.class)).isEqualTo(stored.get(4));
        JsonNode missing = http.entry(key, 31).problem(404);
        assertThat(missing.path("detail").asString()).contains(key).contains("31");
        http.entry(key, 0).problem(400);
        http.get("/api/storage/entries/" + key + "/abc").problem(400);
    }

    @Test
    void answersAnEntryInTheWireFormatToWhoAsksAndJsonToEveryoneElse() throws Exception {
        StorageNodeClient client = new StorageNodeClient(json, Duration.ofSeconds(1), Duration.ofSeconds(10),
                InternalToken.NONE);
        String url = "http://127.0.0.1:" + port;
        assertThat(client.read(url, key, 7).join()).contains(stored.get(6));
        assertThat(client.read(url, key, 31).join()).isEmpty();

        HttpClient raw = HttpClient.newHttpClient();
        HttpResponse<byte[]> binary = raw.send(HttpRequest.newBuilder(URI.create(url + "/api/storage/entries/"
                        + StorageHttp.encode(key) + "/7")).header("Accept", StorageNodeClient.ENTRY_ACCEPT).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(binary.headers().firstValue("Content-Type")).as(new String(binary.body()))
                .contains(LogEntryCodec.MEDIA_TYPE);
        assertThat(LogEntryCodec.decodeBatch(binary.body())).containsExactly(stored.get(6));
        for (String accept : List.of("*/*", "application/json")) {
            HttpResponse<String> plain = raw.send(HttpRequest.newBuilder(URI.create(url + "/api/storage/entries/"
                    + StorageHttp.encode(key) + "/7")).header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(plain.headers().firstValue("Content-Type")).as(accept).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(json.readValue(plain.body(), LogEntry.class)).isEqualTo(stored.get(6));
        }
    }

    private List<LogEntry> query(String parameters) {
        return Arrays.asList(http.get("/api/storage/query?" + parameters).expect(200).as(LogEntry[].class));
    }
}
