package com.logprocessor.gateway.ingest;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import com.logprocessor.core.consistency.ConsistencyLevel;
import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryRules;
import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.core.entry.Violation;
import com.logprocessor.core.text.Texts;
import com.logprocessor.support.web.InvalidRequestException;
import com.logprocessor.support.web.PayloadTooLargeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Turns what clients send into log entries and hands them to Kafka: assigns ids and timestamps,
 * derives partition keys, checks every rule, and accepts a batch only whole. Nothing is published
 * unless every entry is valid, and nothing is acknowledged until Kafka has all of them.
 */
@Service
public class IngestService {

    /** Violations listed in one answer; a batch of 10,000 bad entries should not yield a 5 MB error. */
    static final int MAX_REPORTED_VIOLATIONS = 100;

    /**
     * Ids the gateway assigns are UUIDv7: time-ordered, so storage nodes insert them at the end of
     * their id index instead of on a random page (random v4 ids made that index a large share of
     * PostgreSQL's work at 10k logs/s). Clients may still send any UUID.
     */
    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();

    private final IngestPublisher publisher;
    private final GatewayProperties properties;
    private final Clock clock;
    private final Counter ingested;

    public IngestService(IngestPublisher publisher, GatewayProperties properties, Clock clock, MeterRegistry meters) {
        this.publisher = publisher;
        this.properties = properties;
        this.clock = clock;
        this.ingested = Counter.builder("logs.ingested")
                .description("Logs accepted by the gateway and acknowledged by Kafka").register(meters);
    }

    /** Accepts one log; returns it as published. */
    public LogEntry ingest(LogSubmission submission, String consistency) {
        return ingest(List.of(submission), consistency, null).get(0);
    }

    /** Accepts a batch whole or not at all; returns the entries as published, in order. */
    public List<LogEntry> ingestBatch(List<LogSubmission> submissions, String consistency) {
        if (submissions == null) {
            throw new InvalidRequestException(new Violation("logs", "is required: send {\"logs\": [...]} or a JSON array"));
        }
        if (submissions.isEmpty()) {
            throw new InvalidRequestException(new Violation("logs", "must hold at least one log"));
        }
        if (submissions.size() > properties.maxBatchEntries()) {
            throw new PayloadTooLargeException("the batch has " + submissions.size() + " logs; at most "
                    + properties.maxBatchEntries() + " are accepted per request");
        }
        return ingest(submissions, consistency, "logs");
    }

    private List<LogEntry> ingest(List<LogSubmission> submissions, String consistency, String collection) {
        ConsistencyLevel level = parseConsistency(consistency);
        List<LogEntry> entries = toEntries(submissions, collection);
        publisher.publish(entries, level, properties.publishTimeout());
        acknowledged(entries.size());
        return entries;
    }

    /** Counts logs Kafka acknowledged, whichever way they came in ({@code logs_ingested_total}). */
    public void acknowledged(int logs) {
        ingested.increment(logs);
    }

    /**
     * Turns submissions into entries to publish (ids, timestamps, partition keys), or throws
     * {@link InvalidRequestException} listing every broken rule; {@code collection} names the
     * array in violations (null for a single log).
     */
    public List<LogEntry> toEntries(List<LogSubmission> submissions, String collection) {
        Instant now = clock.instant();
        List<LogEntry> entries = new ArrayList<>(submissions.size());
        List<Violation> violations = new ArrayList<>();
        int bad = 0;
        for (int i = 0; i < submissions.size(); i++) {
            List<Violation> own = new ArrayList<>();
            LogSubmission s = submissions.get(i);
            if (s == null) {
                own.add(new Violation("log", "must be a JSON object, was null"));
            } else {
                entries.add(toEntry(s, now, own));
            }
            if (!own.isEmpty()) {
                bad++;
                for (Violation v : own) {
                    if (violations.size() < MAX_REPORTED_VIOLATIONS) {
                        violations.add(collection == null ? v : v.inElement(collection, i));
                    }
                }
            }
        }
        if (!violations.isEmpty()) {
            String summary = collection == null
                    ? "the log is invalid: " + violations.get(0)
                    : bad + " of " + submissions.size() + " logs are invalid; nothing was accepted";
            throw new InvalidRequestException(summary, violations);
        }
        return entries;
    }

    /** The {@code consistency} parameter: null when absent (the coordinator's default applies). */
    public static ConsistencyLevel parseConsistency(String consistency) {
        List<Violation> violations = new ArrayList<>(1);
        ConsistencyLevel level = ConsistencyLevel.parameter(consistency, violations);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations.get(0));
        }
        return level;
    }

    private static LogEntry toEntry(LogSubmission s, Instant now, List<Violation> violations) {
        UUID id = parseId(s.id(), violations);
        LogLevel level = parseLevel(s.level(), violations);
        Instant timestamp = parseTimestamp(s.timestamp(), now, violations);
        String sourceIp = blankToNull(s.sourceIp());
        String service = blankToNull(s.service());
        String partitionKey = LogEntry.partitionKeyOf(s.partitionId(), sourceIp, service);
        LogEntry entry = new LogEntry(id, partitionKey, 0, timestamp, level, sourceIp, service, s.message(),
                s.attributes(), null);
        violations.addAll(LogEntryRules.validateSubmission(entry));
        return entry;
    }

    private static UUID parseId(String id, List<Violation> violations) {
        if (id == null || id.isBlank()) {
            return IDS.generate();
        }
        try {
            return UUID.fromString(id.trim());
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("id", "'" + Texts.abbreviate(id, 64) + "' is not a UUID"));
            return null;
        }
    }

    private static LogLevel parseLevel(String level, List<Violation> violations) {
        if (level == null || level.isBlank()) {
            return LogLevel.DEFAULT;
        }
        try {
            return LogLevel.parse(level);
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("level", e.getMessage()));
            return LogLevel.DEFAULT;
        }
    }

    private static Instant parseTimestamp(String timestamp, Instant now, List<Violation> violations) {
        if (timestamp == null || timestamp.isBlank()) {
            return now;
        }
        String t = timestamp.trim();
        try {
            if (t.chars().allMatch(Character::isDigit) && t.length() <= 15) {
                return Instant.ofEpochMilli(Long.parseLong(t));
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            violations.add(new Violation("timestamp",
                    "'" + Texts.abbreviate(t, 64) + "' is not an ISO-8601 timestamp with an offset (e.g. 2026-11-22T10:15:30Z) or epoch milliseconds"));
            return now;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
