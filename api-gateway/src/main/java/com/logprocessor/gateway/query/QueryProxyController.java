package com.logprocessor.gateway.query;

import com.logprocessor.gateway.coordinator.CoordinatorClient;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClientException;

/**
 * {@code GET /api/logs?sourceIp=&partitionKey=&level=&from=&to=&limit=}: the coordinator knows the
 * ring, so the gateway forwards the query and relays its answer (including its problem details).
 */
@RestController
public class QueryProxyController {

    private final CoordinatorClient coordinator;

    public QueryProxyController(CoordinatorClient coordinator) {
        this.coordinator = coordinator;
    }

    @Operation(summary = "Query logs: newest first, merged over replicas (see the coordinator's /api/coordinator/query)")
    @GetMapping(path = "/api/logs", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> query(HttpServletRequest request) {
        String query = request.getQueryString();
        return coordinator.forwardGet("/api/coordinator/query" + (query == null ? "" : "?" + query));
    }

    @ExceptionHandler(RestClientException.class)
    public ResponseEntity<ProblemDetail> unavailable(RestClientException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the storage coordinator at " + coordinator.url() + " did not answer: " + e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(problem);
    }
}
