package com.logprocessor.hints.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.hints.testing.HandoffTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The JSON shapes of the status endpoints, and problem+json for what does not exist. */
class StatusEndpointsTest extends HandoffTestSupport {

    @Test
    void pendingAndStatsAnswerJsonWithEveryField() {
        String pending = http().get().uri("/api/hints/pending").retrieve().body(String.class);
        assertThat(pending).contains("\"total\":").contains("\"nodes\":[");
        String stats = http().get().uri("/api/hints/stats").retrieve().body(String.class);
        assertThat(stats).contains("\"since\":", "\"created\":", "\"replayed\":", "\"expired\":", "\"failed\":",
                "\"rejected\":", "\"pending\":", "\"replayRatePerSecond\":");
    }

    @Test
    void anUnknownPathIsAProblemDocument() {
        ResponseEntity<String> answer = http().get().uri("/api/hints/nope").retrieve()
                .onStatus(HttpStatusCode::isError, (request, response) -> { })
                .toEntity(String.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        assertThat(answer.getHeaders().getContentType()).isNotNull();
        assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    }

    @Test
    void theOpenApiDocsDescribeBothEndpoints() {
        String docs = http().get().uri("/v3/api-docs").retrieve().body(String.class);
        assertThat(docs).contains("/api/hints/pending", "/api/hints/stats", "oldest hint");
    }
}
