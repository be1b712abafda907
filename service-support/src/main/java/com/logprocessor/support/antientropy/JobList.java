package com.logprocessor.support.antientropy;

import java.util.List;
import java.util.Map;

/** {@code GET /api/coordinator/jobs}: a page of jobs, newest first, and how many there are per status. */
public record JobList(List<RepairJob> jobs, Map<JobStatus, Long> counts) {
}
