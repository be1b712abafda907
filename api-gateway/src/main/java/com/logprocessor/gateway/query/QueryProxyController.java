package com.logprocessor.gateway.query;

import com.logprocessor.core.query.EntryRead;
import com.logprocessor.core.query.LogQuery;
import com.logprocessor.gateway.coordinator.CoordinatorClient;
import com.logprocessor.support.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The read API: the coordinator knows the ring, so the gateway checks the parameters (by the same
 * rules as the coordinator and the nodes, so bad input is a 400 here, before any hop) and relays
 * the coordinator's answer, problem details included.
 */
@RestController
public class QueryProxyController {

    private final CoordinatorClient coordinator;

    public QueryProxyController(CoordinatorClient coordinator) {
        this.coordinator = coordinator;
    }

    @Operation(summary = "Query logs: newest first, merged over replicas",
            description = "sourceIp, partitionKey, level (minimum), from (inclusive), to (exclusive), limit (1-1000), "
                    + "afterSequence (with partitionKey: a cursor in sequence order), consistency (ONE by default: "
                    + "how many replicas of every key range must answer, else 503). Nodes that did not answer are "
                    + "listed in the X-Unavailable-Nodes header.")
    @GetMapping(path = "/api/logs", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> query(@RequestParam(required = false) String sourceIp,
                                        @RequestParam(required = false) String partitionKey,
                                        @RequestParam(required = false) String level,
                                        @RequestParam(required = false) String from,
                                        @RequestParam(required = false) String to,
                                        @RequestParam(required = false) String afterSequence,
                                        @RequestParam(required = false) String limit,
                                        @RequestParam(required = false) String consistency,
                                        HttpServletRequest request) {
        LogQuery.Parsed parsed = LogQuery.parse(sourceIp, partitionKey, level, from, to, afterSequence, limit,
                consistency);
        if (!parsed.isValid()) {
            throw InvalidRequestException.of("invalid query", parsed.violations());
        }
        String query = request.getQueryString();
        return coordinator.forwardGet("/api/coordinator/query" + (query == null ? "" : "?" + query));
    }

    @Operation(summary = "Read one log by partition key and sequence: a quorum read with read repair",
            description = "consistency=ONE|QUORUM|ALL (default QUORUM) replicas are asked; the newest version by "
                    + "Lamport version answers. Stale replicas found are repaired: repair=async (default) by "
                    + "read-repair-service, repair=blocking before the answer. 404 when no replica holds it, 503 when "
                    + "fewer than the level's replicas answer.")
    @GetMapping(path = "/api/read/{partitionKey}/{sequence}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> read(@PathVariable String partitionKey, @PathVariable String sequence,
                                       @RequestParam(required = false) String consistency,
                                       @RequestParam(required = false) String repair) {
        EntryRead.Parsed parsed = EntryRead.parse(partitionKey, sequence, consistency, repair);
        if (!parsed.isValid()) {
            throw InvalidRequestException.of("invalid read", parsed.violations());
        }
        EntryRead read = parsed.read();
        UriComponentsBuilder uri = UriComponentsBuilder.fromUri(coordinator.url())
                .path("/api/coordinator/read/{partitionKey}/{sequence}")
                .queryParam("repair", read.repair().label());
        if (read.consistency() != null) {
            uri.queryParam("consistency", read.consistency().name());
        }
        URI target = uri.buildAndExpand(read.partitionKey(), read.sequence()).encode().toUri();
        return coordinator.forwardGet(target);
    }
}
