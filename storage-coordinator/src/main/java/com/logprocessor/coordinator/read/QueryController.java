package com.logprocessor.coordinator.read;

import com.logprocessor.core.consistency.ConsistencyLevel;
import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.query.EntryRead;
import com.logprocessor.core.query.LogQuery;
import com.logprocessor.support.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Objects;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads over the cluster; the gateway's {@code GET /api/logs} and {@code GET /api/read/…} forward
 * here. Parameters are checked by the same rules as at the gateway and on the nodes ({@link LogQuery}):
 * bad input is a 400 problem here too, never taken for an unavailable node.
 */
@RestController
@RequestMapping(path = "/api/coordinator", produces = MediaType.APPLICATION_JSON_VALUE)
public class QueryController {

    private final QueryService queries;
    private final ReadService reads;
    private final ReadProperties properties;

    public QueryController(QueryService queries, ReadService reads, ReadProperties properties) {
        this.queries = queries;
        this.reads = reads;
        this.properties = properties;
    }

    @Operation(summary = "Logs matching the filters, newest first, merged over replicas",
            description = "With partitionKey only that key's replicas are asked; otherwise every UP node. "
                    + "level is a minimum severity; from is inclusive and to exclusive (ISO-8601). With "
                    + "partitionKey, afterSequence pages through the partition in sequence order. consistency "
                    + "(default ONE) is how many replicas of every key range must answer, else 503; nodes that "
                    + "did not answer are listed in X-Unavailable-Nodes.")
    @GetMapping("/query")
    public ResponseEntity<List<LogEntry>> query(@RequestParam(required = false) String sourceIp,
                                                @RequestParam(required = false) String partitionKey,
                                                @RequestParam(required = false) String level,
                                                @RequestParam(required = false) String from,
                                                @RequestParam(required = false) String to,
                                                @RequestParam(required = false) String afterSequence,
                                                @RequestParam(required = false) String limit,
                                                @RequestParam(required = false) String consistency) {
        LogQuery.Parsed parsed = LogQuery.parse(sourceIp, partitionKey, level, from, to, afterSequence, limit,
                consistency);
        if (!parsed.isValid()) {
            throw InvalidRequestException.of("invalid query", parsed.violations());
        }
        ConsistencyLevel cl = Objects.requireNonNullElse(parsed.query().consistency(), properties.queryConsistency());
        QueryService.QueryResult result = queries.query(parsed.query(), cl);
        return ResponseEntity.ok()
                .header("X-Consistency", cl.name())
                .header("X-Unavailable-Nodes", String.join(",", result.unavailable()))
                .body(result.entries());
    }

    @Operation(summary = "One entry by partition key and sequence: a quorum read with read repair",
            description = "Asks R replicas (consistency, default QUORUM) and answers the newest version. Stale "
                    + "replicas among those asked are repaired: by read-repair-service (repair=async, default) or "
                    + "before the answer (repair=blocking). 404 when no replica holds it, 503 when fewer than R "
                    + "replicas answer.")
    @GetMapping("/read/{partitionKey}/{sequence}")
    public ReadService.ReadAnswer read(@PathVariable String partitionKey, @PathVariable String sequence,
                                       @RequestParam(required = false) String consistency,
                                       @RequestParam(required = false) String repair) {
        EntryRead.Parsed parsed = EntryRead.parse(partitionKey, sequence, consistency, repair);
        if (!parsed.isValid()) {
            throw InvalidRequestException.of("invalid read", parsed.violations());
        }
        EntryRead read = parsed.read();
        return reads.read(read.partitionKey(), read.sequence(),
                Objects.requireNonNullElse(read.consistency(), properties.consistency()), read.repair());
    }
}
