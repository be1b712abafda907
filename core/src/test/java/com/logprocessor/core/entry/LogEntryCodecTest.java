package com.logprocessor.core.entry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.logprocessor.core.TestEntries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LogEntryCodecTest {

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("com.logprocessor.core.Seeds#seeds")
    void entriesAndBatchesRoundTrip(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < 1 + r.nextInt(20); i++) {
            entries.add(TestEntries.random(r, "key-é-" + r.nextInt(5), 1 + r.nextInt(1000)));
        }
        for (LogEntry e : entries) {
            assertThat(LogEntryCodec.decode(LogEntryCodec.encode(e))).isEqualTo(e);
        }
        byte[] batch = LogEntryCodec.encodeBatch(entries.stream().map(LogEntryCodec::encode).toList());
        assertThat(LogEntryCodec.decodeBatch(batch)).isEqualTo(entries);
    }

    @Test
    void anUnplacedSubmissionWithNullsRoundTrips() {
        LogEntry submission = new LogEntry(null, "k", 0, null, null, null, null, "m", Map.of("a", "😀"), null);
        assertThat(LogEntryCodec.decode(LogEntryCodec.encode(submission))).isEqualTo(submission);
    }

    @Test
    void malformedBytesAreRefusedNotMisread() {
        byte[] good = LogEntryCodec.encode(TestEntries.valid("k", 1));
        assertThatThrownBy(() -> LogEntryCodec.decode(Arrays.copyOf(good, good.length - 3)))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] wrongVersion = good.clone();
        wrongVersion[0] = 9;
        assertThatThrownBy(() -> LogEntryCodec.decode(wrongVersion)).hasMessageContaining("version");
        byte[] batch = LogEntryCodec.encodeBatch(List.of(good));
        assertThatThrownBy(() -> LogEntryCodec.decodeBatch(Arrays.copyOf(batch, batch.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogEntryCodec.decodeBatch("{\"entries\":[]}".getBytes()))
                .hasMessageContaining("not a log entry batch");
    }
}
