package com.logprocessor.hints.status;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The hint manager's REST surface (the design's {@code /api/hints/*}); errors are problem+json. */
@RestController
@RequestMapping(path = "/api/hints", produces = MediaType.APPLICATION_JSON_VALUE)
public class HintsController {

    private final HintStatusService status;

    public HintsController(HintStatusService status) {
        this.status = status;
    }

    @Operation(summary = "Hints waiting per target node: count, oldest hint's age, node state (UP/DOWN/UNKNOWN), and the total")
    @GetMapping("/pending")
    public PendingReport pending() {
        return status.pending();
    }

    @Operation(summary = "Hints created, replayed, expired, failed and rejected by this instance since it started, "
            + "pending in all, and the replay rate over the last minute")
    @GetMapping("/stats")
    public HintStats stats() {
        return status.stats();
    }
}
