package com.logprocessor.storage.store;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryRules;
import com.logprocessor.core.entry.Violation;
import com.logprocessor.storage.metrics.StorageMetrics;
import com.logprocessor.support.storage.StorageApi.StoreBatchRequest;
import com.logprocessor.support.storage.StorageApi.StoreResult;
import com.logprocessor.support.web.InvalidRequestException;
import com.logprocessor.support.web.PayloadTooLargeException;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * Validates store requests with core's rules and applies them through {@link EntryWriter}. A batch
 * is all or nothing: one invalid entry rejects it whole, before anything is written.
 */
@Service
public class StoreService {

    private static final Logger log = LoggerFactory.getLogger(StoreService.class);

    private final EntryWriter writer;
    private final StorageMetrics metrics;
    private final WriteProperties properties;

    public StoreService(EntryWriter writer, StorageMetrics metrics, WriteProperties properties) {
        this.writer = writer;
        this.metrics = metrics;
        this.properties = properties;
    }

    public StoreResult store(LogEntry entry) {
        if (entry == null) {
            throw new InvalidRequestException(new Violation("body", "a log entry is required"));
        }
        List<Violation> violations = violationsOf(entry);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("the entry is invalid: " + summary(violations), violations);
        }
        return write(List.of(entry), false);
    }

    public StoreResult storeBatch(StoreBatchRequest request) {
        return storeBatch(request, false);
    }

    /** As {@link #storeBatch(StoreBatchRequest)}; {@code repair} as in {@link EntryWriter#write(List, boolean)}. */
    public StoreResult storeBatch(StoreBatchRequest request, boolean repair) {
        if (request == null || request.entries() == null) {
            throw new InvalidRequestException(new Violation("entries", "is required"));
        }
        List<LogEntry> entries = request.entries();
        if (entries.size() > properties.maxBatchEntries()) {
            throw new PayloadTooLargeException("the batch has " + entries.size() + " entries; at most "
                    + properties.maxBatchEntries() + " are accepted per request, split it; nothing was stored");
        }
        List<Violation> violations = new ArrayList<>();
        int invalidEntries = 0;
        for (int i = 0; i < entries.size(); i++) {
            LogEntry e = entries.get(i);
            List<Violation> own = e == null ? List.of(new Violation("", "must be a log entry, was null")) : violationsOf(e);
            if (!own.isEmpty()) {
                invalidEntries++;
                for (Violation v : own) {
                    violations.add(v.field().isEmpty() ? new Violation("entries[" + i + "]", v.message())
                            : v.inElement("entries", i));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(invalidEntries + " of " + entries.size()
                    + " entries are invalid; nothing was stored: " + summary(violations), violations);
        }
        return write(entries, repair);
    }

    private StoreResult write(List<LogEntry> entries, boolean repair) {
        Timer.Sample sample = Timer.start();
        try {
            StoreResult result = writeWithRetry(entries, repair);
            metrics.recordWrite(result.inserted(), result.updated(), result.unchanged(), result.conflicts().size());
            return result;
        } finally {
            sample.stop(metrics.batchWrites());
        }
    }

    /**
     * Partitions are locked, so batches only race where their ids collide across partitions (an id
     * changed by a replace, or a deadlock between two such batches). The loser is rolled back and
     * retried; the retry sees the winner's commit and reports a conflict.
     */
    private StoreResult writeWithRetry(List<LogEntry> entries, boolean repair) {
        for (int attempt = 1; ; attempt++) {
            try {
                return writer.write(entries, repair);
            } catch (DuplicateKeyException | PessimisticLockingFailureException e) {
                if (attempt >= properties.maxAttempts()) {
                    throw new WriteConflictException("the batch kept colliding with concurrent writes of the same"
                            + " ids after " + attempt + " attempts; nothing was stored, retry it", e);
                }
                log.debug("Store attempt {} of {} entries lost a race, retrying: {}", attempt, entries.size(),
                        e.getMessage());
            }
        }
    }

    private static List<Violation> violationsOf(LogEntry e) {
        return LogEntryRules.validateStored(e);
    }

    private static String summary(List<Violation> violations) {
        StringBuilder s = new StringBuilder();
        int shown = Math.min(violations.size(), 5);
        for (int i = 0; i < shown; i++) {
            s.append(i == 0 ? "" : "; ").append(violations.get(i));
        }
        if (violations.size() > shown) {
            s.append("; and ").append(violations.size() - shown).append(" more (see errors)");
        }
        return s.toString();
    }
}
