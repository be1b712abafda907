package com.logprocessor.storage.query;

import static com.logprocessor.storage.testing.Entries.partition;
import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.core.version.LamportVersion;
import com.logprocessor.storage.testing.StorageHttp;
import com.logprocessor.storage.testing.StorageNodeTest;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@StorageNodeTest
class QueryEndpointsTest {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

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

    private List<LogEntry> query(String parameters) {
        return Arrays.asList(http.get("/api/storage/query?" + parameters).expect(200).as(LogEntry[].class));
    }
}
