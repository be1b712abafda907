package com.logprocessor.gateway.ingest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A batch as a client sends it: {@code {"logs": [...]}} ({@code entries} is accepted too), or a
 * bare JSON array of logs.
 */
public record LogBatch(List<LogSubmission> logs) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public static LogBatch of(@JsonProperty("logs") List<LogSubmission> logs,
                              @JsonProperty("entries") List<LogSubmission> entries) {
        return new LogBatch(logs != null ? logs : entries);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static LogBatch ofArray(List<LogSubmission> logs) {
        return new LogBatch(logs);
    }
}
