package com.logprocessor.storage.query;

import static com.logprocessor.storage.testing.Entries.partition;
import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.consistency.ConsistencyLevel;
import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.core.query.LogQuery;
import com.logprocessor.core.version.LamportVersion;
import com.logprocessor.storage.testing.StorageHttp;
import com.logprocessor.storage.testing.StorageNodeTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * A newest-first query without a partition key or source IP reads recent time windows first
 * ({@link EntryReader#RECENT_WINDOWS}); whichever window answers, the entries are those the whole
 * table ordered by time gives ({@link EntryReader#scan}), for every limit, bound and level.
 */
@StorageNodeTest
class RecentWindowsTest {

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    EntryReader reader;

    /** Later than any other test's entries, so the first windows hold only this test's. */
    final Instant end = Instant.parse("2040-01-01T00:00:00Z");
    List<LogEntry> stored;

    @BeforeEach
    void storeEntriesInEveryWindow() {
        String key = partition("windows");
        stored = new ArrayList<>();
        // 3 in the last minute before the end, 4 more in its hour, 4 in its day, 4 in 30 days, 4 older.
        Duration[] ages = {Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(50),
                Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofMinutes(59),
                Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(12), Duration.ofHours(23),
                Duration.ofDays(2), Duration.ofDays(7), Duration.ofDays(20), Duration.ofDays(29),
                Duration.ofDays(31), Duration.ofDays(90), Duration.ofDays(400), Duration.ofDays(2000)};
        LogLevel[] levels = {LogLevel.INFO, LogLevel.ERROR, LogLevel.WARN};
        for (int i = 0; i < ages.length; i++) {
            stored.add(new LogEntry(UUID.randomUUID(), key, i + 1, end.minus(ages[i]), levels[i % levels.length],
                    "192.0.2.7", "svc", "m" + i, Map.of(), new LamportVersion(1, "c")));
        }
        new StorageHttp(port, json).storeBatch(stored).expect(200);
    }

    @Test
    void everyWindowAnswersWhatTheWholeTableWould() {
        for (int limit : new int[] {1, 3, 4, 7, 8, 11, 12, 15, 16, 19, 50, LogQuery.MAX_LIMIT}) {
            assertSameAsWholeTable(query(null, end, null, limit));
            assertSameAsWholeTable(query(null, end, LogLevel.ERROR, limit));
            assertSameAsWholeTable(query(end.minus(Duration.ofMinutes(30)), end, null, limit));
            assertSameAsWholeTable(query(end.minus(Duration.ofDays(10)), end, LogLevel.WARN, limit));
            assertSameAsWholeTable(query(null, end.minus(Duration.ofMinutes(3)), null, limit));
            assertSameAsWholeTable(query(null, null, null, limit));
        }
    }

    @Test
    void theFirstWindowThatHoldsTheLimitAnswers() {
        assertThat(reader.query(query(null, end, null, 3))).extracting(LogEntry::id)
                .containsExactly(stored.get(0).id(), stored.get(1).id(), stored.get(2).id());
        // Seven newest: the minute holds three, the hour all seven.
        assertThat(reader.query(query(null, end, null, 7))).extracting(LogEntry::id)
                .containsExactlyElementsOf(stored.subList(0, 7).stream().map(LogEntry::id).toList());
    }

    private void assertSameAsWholeTable(LogQuery q) {
        assertThat(reader.query(q)).as("%s", q).extracting(LogEntry::id)
                .containsExactlyElementsOf(reader.scan(q).stream().map(LogEntry::id).toList());
    }

    private static LogQuery query(Instant from, Instant to, LogLevel level, int limit) {
        return new LogQuery(null, null, level, from, to, null, limit, ConsistencyLevel.ONE);
    }
}
