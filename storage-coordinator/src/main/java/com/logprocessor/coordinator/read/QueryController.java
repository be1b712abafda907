package com.logprocessor.coordinator.read;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogLevel;
import com.logprocessor.core.entry.Violation;
import com.logprocessor.support.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Queries over the cluster; the gateway's {@code GET /api/logs} forwards here. */
@RestController
@RequestMapping(path = "/api/coordinator", produces = MediaType.APPLICATION_JSON_VALUE)
public class QueryController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final QueryService queries;

    public QueryController(QueryService queries) {
        this.queries = queries;
    }

    @Operation(summary = "Logs matching the filters, newest first, merged over replicas",
            description = "With partitionKey only that key's replicas are asked; otherwise every UP node. "
                    + "level is a minimum severity; from is inclusive and to exclusive (ISO-8601). With "
                    + "partitionKey, afterSequence pages through the partition in sequence order.")
    @GetMapping("/query")
    public ResponseEntity<List<LogEntry>> query(@RequestParam(required = false) String sourceIp,
                                                @RequestParam(required = false) String partitionKey,
                                                @RequestParam(required = false) String level,
                                                @RequestParam(required = false) String from,
                                                @RequestParam(required = false) String to,
                                                @RequestParam(required = false) Long afterSequence,
                                                @RequestParam(required = false) Integer limit) {
        int n = limit == null ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > MAX_LIMIT) {
            throw new InvalidRequestException(new Violation("limit", "must be between 1 and " + MAX_LIMIT + ", was " + n));
        }
        if (level != null && !level.isBlank()) {
            try {
                LogLevel.parse(level);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException(new Violation("level", e.getMessage()));
            }
        }
        if (afterSequence != null && (partitionKey == null || partitionKey.isBlank() || afterSequence < 0)) {
            throw new InvalidRequestException(new Violation("afterSequence",
                    "needs a partitionKey and must not be negative: sequences are per partition"));
        }
        QueryService.QueryResult result = queries.query(blankToNull(sourceIp), blankToNull(partitionKey),
                blankToNull(level), instant("from", from), instant("to", to), afterSequence, n);
        if (!result.asked().isEmpty() && result.unavailable().size() == result.asked().size()) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(List.of());
        }
        return ResponseEntity.ok()
                .header("X-Unavailable-Nodes", String.join(",", result.unavailable()))
                .body(result.entries());
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(new Violation(name, "'" + value + "' is not an ISO-8601 instant"));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
