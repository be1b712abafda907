package com.logprocessor.support.antientropy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The jobs API as the coordinator writes it and as other services (the /ring page) read it back. */
class RepairJobJsonTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aJobShowsItsDurationAndReadsBackAsWritten() {
        Instant started = Instant.parse("2026-11-29T10:00:00Z");
        RepairJob job = new RepairJob(7, 3L, JobKind.NODE, "storage-node-4", "node-joined", 0, JobStatus.COMPLETED, 1,
                started.minusSeconds(1), started, started.plusMillis(2500), "ae-1",
                new JobCounts(10, 2, 2, 40, 40, 0, 0), null);

        JsonNode written = json.readTree(json.writeValueAsString(new JobList(List.of(job),
                Map.of(JobStatus.COMPLETED, 1L))));

        JsonNode first = written.get("jobs").get(0);
        assertThat(first.get("durationMillis").asLong()).isEqualTo(2500);
        assertThat(first.has("lastError")).as("nulls are left out").isFalse();
        assertThat(first.get("counts").get("entriesRepaired").asLong()).isEqualTo(40);
        JobList read = json.readValue(written.toString(), JobList.class);
        assertThat(read.jobs()).containsExactly(job);
        assertThat(read.counts()).containsEntry(JobStatus.COMPLETED, 1L);
    }
}
