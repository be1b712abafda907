package com.logprocessor.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.core.entry.Violation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogQueryTest {

    @Test
    void absentParametersGiveTheDefaults() {
        LogQuery.Parsed parsed = LogQuery.parse(null, " ", null, null, null, null, null, null);
        assertThat(parsed.isValid()).isTrue();
        assertThat(parsed.query().limit()).isEqualTo(LogQuery.DEFAULT_LIMIT);
        assertThat(parsed.query().partitionKey()).isNull();
    }

    @Test
    void aValidQueryIsParsed() {
        LogQuery q = LogQuery.parse(" 10.0.0.1 ", "k", "warn", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00+01:00",
                "5", "10", "all").query();
        assertThat(q.sourceIp()).isEqualTo("10.0.0.1");
        assertThat(q.minLevel()).isEqualTo(LogLevel.WARN);
        assertThat(q.afterSequence()).isEqualTo(5L);
        assertThat(q.limit()).isEqualTo(10);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "sourceIp, False", "sourceIp, 10.0.0.1%eth0", "level, LOUD", "from, yesterday", "to, 12:00",
            "afterSequence, -1", "afterSequence, x", "limit, 0", "limit, 1001", "limit, 99999999999999999999", "consistency, MOST"})
    void everyBadParameterIsNamed(String name, String value) {
        String[] p = new String[8];
        List<String> names = List.of("sourceIp", "partitionKey", "level", "from", "to", "afterSequence", "limit", "consistency");
        p[names.indexOf(name)] = value;
        if (name.equals("afterSequence")) {
            p[1] = "k";
        }
        LogQuery.Parsed parsed = LogQuery.parse(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]);
        assertThat(parsed.isValid()).isFalse();
        assertThat(parsed.violations()).extracting(Violation::field).containsExactly(name);
    }

    @Test
    void aCursorNeedsAPartitionKeyAndAnEmptyRangeIsRefused() {
        assertThat(LogQuery.parse(null, null, null, null, null, "3", null, null).violations())
                .extracting(Violation::field).containsExactly("afterSequence");
        assertThat(LogQuery.parse(null, null, null, "2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z", null, null, null)
                .violations()).extracting(Violation::field).containsExactly("to");
    }

    @Test
    void sequencesStartAtOne() {
        List<Violation> violations = new ArrayList<>();
        assertThat(LogQuery.parseSequence("0", violations)).isNull();
        assertThat(LogQuery.parseSequence("abc", violations)).isNull();
        assertThat(LogQuery.parseSequence("7", violations)).isEqualTo(7L);
        assertThat(violations).hasSize(2);
    }

    @Test
    void aKeyGivenIsCheckedByThePartitionKeyRules() {
        LogQuery.Parsed parsed = LogQuery.parse(null, "a\0b", null, null, null, null, null, null);
        assertThat(parsed.isValid()).isFalse();
        assertThat(parsed.violations()).containsExactlyElementsOf(PartitionKeys.check("partitionKey", "a\0b"));
        assertThat(LogQuery.parse(null, "  ", null, null, null, null, null, null).isValid()).as("blank: no key").isTrue();
    }
}
