package com.logprocessor.antientropy.jobs;

import com.logprocessor.support.antientropy.RepairJob;
import com.logprocessor.support.antientropy.JobStatus;
import com.logprocessor.support.antientropy.JobList;
import com.logprocessor.core.entry.Violation;
import com.logprocessor.support.web.InvalidRequestException;
import com.logprocessor.support.web.ProblemException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The jobs API: what is queued, running and done, with counts and timings. */
@RestController
@RequestMapping(path = "/api/coordinator/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
public class JobsController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private final JobStore store;

    public JobsController(JobStore store) {
        this.store = store;
    }

    @GetMapping
    public JobList list(@RequestParam(required = false) String status, @RequestParam(required = false) String limit) {
        List<Violation> violations = new java.util.ArrayList<>();
        JobStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = JobStatus.valueOf(status.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("status", "must be one of " + Arrays.toString(JobStatus.values())
                        + ", was '" + status + "'"));
            }
        }
        int n = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit.trim());
                if (n < 1 || n > MAX_LIMIT) {
                    violations.add(new Violation("limit", "must be between 1 and " + MAX_LIMIT + ", was " + n));
                }
            } catch (NumberFormatException e) {
                violations.add(new Violation("limit", "must be a whole number between 1 and " + MAX_LIMIT
                        + ", was '" + limit + "'"));
            }
        }
        if (!violations.isEmpty()) {
            throw InvalidRequestException.of("the jobs query", violations);
        }
        return new JobList(store.list(wanted, n), store.countByStatus());
    }

    @GetMapping("/{id}")
    public RepairJob job(@PathVariable String id) {
        long jobId;
        try {
            jobId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(new Violation("id", "must be a job id (a whole number), was '" + id + "'"));
        }
        return store.find(jobId).orElseThrow(() -> ProblemException.notFound("there is no repair job " + jobId));
    }
}
