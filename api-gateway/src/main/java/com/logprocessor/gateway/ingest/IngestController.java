package com.logprocessor.gateway.ingest;

import com.logprocessor.core.entry.LogEntry;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The public ingest API: logs are accepted (202) once Kafka has them, and written asynchronously. */
@RestController
@RequestMapping(path = "/api/logs", produces = MediaType.APPLICATION_JSON_VALUE)
public class IngestController {

    private final IngestService ingest;

    public IngestController(IngestService ingest) {
        this.ingest = ingest;
    }

    /** The answer for one accepted log. */
    public record Accepted(String id, String partitionKey) {
    }

    /** The answer for an accepted batch: the ids in the order the logs were sent. */
    public record BatchAccepted(int accepted, List<String> ids) {
    }

    @Operation(summary = "Ingest one log", description = "202 once Kafka has it; written to RF replicas asynchronously")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Accepted ingest(@RequestBody LogSubmission log,
                           @RequestParam(required = false) String consistency) {
        LogEntry entry = ingest.ingest(log, consistency);
        return new Accepted(entry.id().toString(), entry.partitionKey());
    }

    @Operation(summary = "Ingest a batch of logs",
            description = "{\"logs\": [...]} or a JSON array; at most 10,000 logs or 16 MiB; accepted whole or not at all")
    @PostMapping(path = "/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    public BatchAccepted ingestBatch(@RequestBody LogBatch batch,
                                     @RequestParam(required = false) String consistency) {
        List<LogEntry> entries = ingest.ingestBatch(batch.logs(), consistency);
        return new BatchAccepted(entries.size(), entries.stream().map(e -> e.id().toString()).toList());
    }
}
