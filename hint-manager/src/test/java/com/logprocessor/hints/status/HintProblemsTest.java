package com.logprocessor.hints.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class HintProblemsTest {

    @Test
    void anUnreachableDatabaseIsA503ProblemWithRetryAfter() {
        ResponseEntity<ProblemDetail> answer = new HintProblems()
                .databaseUnavailable(new DataAccessResourceFailureException("connection refused"));
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(answer.getBody()).isNotNull();
        assertThat(answer.getBody().getType()).isEqualTo(HintProblems.UNAVAILABLE);
        assertThat(answer.getBody().getDetail()).contains("hints database");
    }
}
