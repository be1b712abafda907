package com.logprocessor.storage.query;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.Violation;
import com.logprocessor.core.query.LogQuery;
import com.logprocessor.support.web.InvalidRequestException;
import java.util.List;
import org.springframework.stereotype.Service;

/** Checks read and query parameters (every bad one is listed in one 400) and runs them. */
@Service
public class QueryService {

    private final EntryReader reader;

    public QueryService(EntryReader reader) {
        this.reader = reader;
    }

    public LogEntry get(String partitionKey, long sequence) {
        if (sequence < 1) {
            throw new InvalidRequestException(new Violation("sequence", "must be at least 1, was " + sequence));
        }
        return reader.find(partitionKey, sequence).orElseThrow(() -> new EntryNotFoundException(partitionKey, sequence));
    }

    public List<LogEntry> query(String sourceIp, String partitionKey, String level, String from, String to,
            String afterSequence, String limit, String consistency) {
        LogQuery.Parsed parsed = LogQuery.parse(sourceIp, partitionKey, level, from, to, afterSequence, limit,
                consistency);
        if (!parsed.isValid()) {
            throw InvalidRequestException.of("invalid query", parsed.violations());
        }
        return reader.query(parsed.query());
    }

    public EntryReader.Totals totals() {
        return reader.totals();
    }
}
