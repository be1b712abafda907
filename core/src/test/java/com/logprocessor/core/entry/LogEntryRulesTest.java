package com.logprocessor.core.entry;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.TestEntries;
import com.logprocessor.core.version.LamportVersion;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogEntryRulesTest {

    private static LogEntry submission(String partitionKey, String sourceIp, String message) {
        return new LogEntry(null, partitionKey, 0, null, LogLevel.INFO, sourceIp, "api", message, Map.of(), null);
    }

    private static List<String> fields(List<Violation> violations) {
        return violations.stream().map(Violation::field).toList();
    }

    @Test
    void aValidSubmissionPasses() {
        assertThat(LogEntryRules.validateSubmission(submission("10.0.0.1", "10.0.0.1", "hello"))).isEmpty();
        assertThat(LogEntryRules.validateSubmission(submission("k", "2001:db8::1", "hello"))).isEmpty();
        assertThat(LogEntryRules.validateStored(TestEntries.valid("k", 1))).isEmpty();
    }

    @Test
    void thePartitionKeyFallsBackFromPartitionIdToSourceIpToService() {
        assertThat(LogEntry.partitionKeyOf("p", "10.0.0.1", "svc")).isEqualTo("p");
        assertThat(LogEntry.partitionKeyOf(null, "10.0.0.1", "svc")).isEqualTo("10.0.0.1");
        assertThat(LogEntry.partitionKeyOf(" ", null, "svc")).isEqualTo("svc");
        assertThat(LogEntry.partitionKeyOf(null, null, null)).isNull();
    }

    @Test
    void aMissingOrOversizePartitionKeyIsReported() {
        assertThat(fields(LogEntryRules.validateSubmission(submission(null, null, "m")))).containsExactly("partitionKey");
        assertThat(fields(LogEntryRules.validateSubmission(submission("x".repeat(256), null, "m")))).isEmpty();
        assertThat(fields(LogEntryRules.validateSubmission(submission("x".repeat(257), null, "m")))).containsExactly("partitionKey");
    }

    @Test
    void theMessageMustBeOneByteTo64KiBInUtf8() {
        assertThat(fields(LogEntryRules.validateSubmission(submission("k", null, "")))).containsExactly("message");
        assertThat(fields(LogEntryRules.validateSubmission(submission("k", null, null)))).containsExactly("message");
        assertThat(LogEntryRules.validateSubmission(submission("k", null, "a".repeat(65_536)))).isEmpty();
        assertThat(fields(LogEntryRules.validateSubmission(submission("k", null, "a".repeat(65_537))))).containsExactly("message");
        // 'é' is two bytes: 32,768 of them are exactly 64 KiB, one more is over
        assertThat(LogEntryRules.validateSubmission(submission("k", null, "é".repeat(32_768)))).isEmpty();
        assertThat(LogEntryRules.validateSubmission(submission("k", null, "é".repeat(32_769))))
                .singleElement().extracting(Violation::message).asString().contains("65538");
        assertThat(fields(LogEntryRules.validateSubmission(submission("k", null, "\uD800".repeat(30_000)))))
                .containsExactly("message");
    }

    @Test
    void textMustBeStorableAsItIs() {
        assertThat(fields(LogEntryRules.validateSubmission(submission("k", null, "nul \u0000 inside")))).containsExactly("message");
        assertThat(fields(LogEntryRules.validateSubmission(submission("k", null, "lone \uD800")))).containsExactly("message");
        assertThat(LogEntryRules.validateSubmission(submission("k", null, "emoji \uD83D\uDE00 is fine"))).isEmpty();
        assertThat(fields(LogEntryRules.validateSubmission(submission("k\u0000", null, "m")))).containsExactly("partitionKey");
        LogEntry attrs = new LogEntry(null, "k", 0, null, LogLevel.INFO, null, null, "m", Map.of("a", "\u0000"), null);
        assertThat(fields(LogEntryRules.validateSubmission(attrs))).containsExactly("attributes");
        LogEntry ancient = new LogEntry(null, "k", 0, Instant.parse("-0001-01-01T00:00:00Z"), LogLevel.INFO, null, null,
                "m", Map.of(), null);
        assertThat(fields(LogEntryRules.validateSubmission(ancient))).containsExactly("timestamp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"999.1.1.1", "10.0.0", "example.com", "fe80::1%eth0", " ", "1.2.3.4.5", "::g"})
    void sourceIpMustBeAnIpv4OrIpv6Literal(String ip) {
        assertThat(fields(LogEntryRules.validateSubmission(submission("k", ip, "m")))).containsExactly("sourceIp");
    }

    @Test
    void atMost64Attributes() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 65; i++) {
            many.put("k" + i, "v");
        }
        LogEntry e = new LogEntry(null, "k", 0, null, LogLevel.INFO, null, null, "m", many, null);
        assertThat(fields(LogEntryRules.validateSubmission(e))).containsExactly("attributes");
        many.remove("k0");
        assertThat(LogEntryRules.validateSubmission(
                new LogEntry(null, "k", 0, null, LogLevel.INFO, null, null, "m", many, null))).isEmpty();
    }

    @Test
    void everyBrokenRuleIsReportedAtOnce() {
        LogEntry e = new LogEntry(null, null, 0, null, null, "nope", null, "", Map.of(), null);
        assertThat(fields(LogEntryRules.validateStored(e)))
                .containsExactlyInAnyOrder("id", "sequence", "timestamp", "version", "partitionKey", "level",
                        "message", "sourceIp");
    }

    @Test
    void violationsCanBeLocatedInsideABatch() {
        assertThat(new Violation("message", "is required").inElement("entries", 3).field())
                .isEqualTo("entries[3].message");
    }

    @Test
    void attributesAreSortedSoEqualEntriesAreEqual() {
        LogEntry a = new LogEntry(UUID.randomUUID(), "k", 1, Instant.EPOCH, LogLevel.INFO, null, null, "m",
                Map.of("b", "2", "a", "1"), new LamportVersion(1, "w"));
        assertThat(a.attributes().keySet()).containsExactly("a", "b");
        assertThat(a.placed(7, new LamportVersion(2, "w")).sequence()).isEqualTo(7);
        assertThat(a.hasPlacement()).isTrue();
        assertThat(LogLevel.parse("warn")).isEqualTo(LogLevel.WARN);
    }
}
