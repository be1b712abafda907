package com.logprocessor.readrepair.status;

import com.logprocessor.readrepair.metrics.ReadRepairMetrics;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The read-repair service's REST surface; errors are problem+json. */
@RestController
@RequestMapping(path = "/api/read-repair", produces = MediaType.APPLICATION_JSON_VALUE)
public class ReadRepairController {

    private final ReadRepairMetrics metrics;

    public ReadRepairController(ReadRepairMetrics metrics) {
        this.metrics = metrics;
    }

    @Operation(summary = "Read-repair requests completed, failed and collapsed into another repair, and copies "
            + "written to stale replicas, by this instance since it started")
    @GetMapping("/stats")
    public ReadRepairStats stats() {
        ReadRepairMetrics.Totals t = metrics.totals();
        return new ReadRepairStats(t.completed(), t.failed(), t.collapsed(), t.replicasWritten());
    }
}
