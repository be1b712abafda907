package com.logprocessor.hints.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.logprocessor.hints.metrics.HintMetrics;
import com.logprocessor.hints.store.HintStore;
import com.logprocessor.hints.store.PendingNode;
import com.logprocessor.support.web.ProblemResponses;
import com.logprocessor.support.web.ProblemTypes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class HintsDatabaseUnavailableTest {

    @Test
    void anUnreachableDatabaseIsA503ProblemWithRetryAfter() {
        HintStore unreachable = new HintStore(null) {
            @Override
            public List<PendingNode> pending() {
                throw new DataAccessResourceFailureException("connection refused");
            }
        };
        HintStatusService status = new HintStatusService(unreachable,
                new HintMetrics(new SimpleMeterRegistry(), Clock.systemUTC()), null);

        HintsDatabaseUnavailableException e = catchThrowableOfType(HintsDatabaseUnavailableException.class,
                status::stats);
        ResponseEntity<ProblemDetail> answer = new ProblemResponses().problem(e);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(answer.getBody()).isNotNull();
        assertThat(answer.getBody().getType()).isEqualTo(ProblemTypes.UNAVAILABLE);
        assertThat(answer.getBody().getTitle()).isEqualTo("Hints database unavailable");
        assertThat(answer.getBody().getDetail()).contains("hints database");
    }
}
