package com.logprocessor.core.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.core.version.LamportVersion;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReadResolutionTest {

    private static final UUID ID = UUID.randomUUID();

    private static Optional<LogEntry> copy(long counter, String writer, String message) {
        return Optional.of(new LogEntry(ID, "k", 1, Instant.parse("2026-11-29T10:00:00Z"), LogLevel.INFO, null, null,
                message, Map.of(), new LamportVersion(counter, writer)));
    }

    private static ReadResolution resolve(Object... nodeAndCopy) {
        Map<String, Optional<LogEntry>> copies = new LinkedHashMap<>();
        for (int i = 0; i < nodeAndCopy.length; i += 2) {
            @SuppressWarnings("unchecked")
            Optional<LogEntry> c = (Optional<LogEntry>) nodeAndCopy[i + 1];
            copies.put((String) nodeAndCopy[i], c);
        }
        return ReadResolution.of(copies);
    }

    @Test
    void theNewestVersionWinsAndOlderOrMissingCopiesAreStale() {
        ReadResolution r = resolve("a", copy(5, "c1", "old"), "b", copy(7, "c1", "new"), "c", Optional.empty());
        assertThat(r.newest().message()).isEqualTo("new");
        assertThat(r.holders()).containsExactly("b");
        assertThat(r.stale()).containsExactly("a", "c");
        assertThat(r.consistent()).isFalse();
    }

    @Test
    void equalCountersAreBrokenByWriterIdTheSameWayEverywhere() {
        ReadResolution one = resolve("a", copy(7, "coordinator-1", "x"), "b", copy(7, "coordinator-2", "y"));
        ReadResolution other = resolve("b", copy(7, "coordinator-2", "y"), "a", copy(7, "coordinator-1", "x"));
        assertThat(one.newest().message()).isEqualTo("y").isEqualTo(other.newest().message());
        assertThat(one.stale()).containsExactly("a");
        assertThat(other.stale()).containsExactly("a");
    }

    @Test
    void equalVersionsAreInSync() {
        ReadResolution r = resolve("a", copy(7, "c1", "x"), "b", copy(7, "c1", "x"));
        assertThat(r.consistent()).isTrue();
        assertThat(r.holders()).containsExactly("a", "b");
    }

    @Test
    void nobodyHoldingItIsNotFoundAndNothingToRepair() {
        ReadResolution r = resolve("a", Optional.empty(), "b", Optional.empty());
        assertThat(r.found()).isFalse();
        assertThat(r.stale()).isEmpty();
    }
}
