package com.logprocessor.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.support.testing.RawHttp;
import com.logprocessor.support.testing.ServiceEndpointsContract;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The shared error handling in a service that has nothing else: the contract every service
 * keeps, and the errors a real service cannot easily provoke (a failing filter, a handler that
 * throws, malformed request lines and headers).
 */
@SpringBootTest(classes = ProblemErrorsTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "spring.application.name=problem-errors-test",
                "ring.membership.enabled=false"})
class ProblemErrorsTest extends ServiceEndpointsContract {

    @Test
    void tomcatsOwnRejectionsSayWhyAndWhere() {
        JsonNode slash = assertProblem(RawHttp.send(port, "GET", "/api/x%2Fy"), 400);
        assertThat(slash.path("type").asString()).isEqualTo("about:blank");
        assertThat(slash.path("title").asString()).isEqualTo("Bad Request");
        assertThat(slash.path("detail").asString()).contains("encoded slash");
        assertThat(slash.path("instance").asString()).isEqualTo("/api/x%2Fy");

        assertProblem(RawHttp.send(port, "GET", "/../../etc/passwd"), 400);
        assertThat(assertProblem(RawHttp.send(port, "GET", "/api/echo", "X-Padding: " + "a".repeat(20 * 1024)), 400)
                .path("detail").asString()).containsIgnoringCase("header");
    }

    @Test
    void aQueryThatIsNotUtf8AndAnUnparseableAcceptAre400Problems() {
        assertThat(assertProblem(RawHttp.send(port, "GET", "/api/param?name=%FF%FE"), 400).path("detail").asString())
                .contains("query string");
        assertThat(RawHttp.send(port, "GET", "/api/param?name=ok").body()).isEqualTo("name=ok");
        assertThat(assertProblem(RawHttp.send(port, "GET", "/api/echo", "Accept: application/json;q=abc"), 400)
                .path("detail").asString()).contains("Accept");
        // An Accept that parses but excludes JSON still gets the problem as problem+json.
        assertProblem(RawHttp.send(port, "GET", "/api/nowhere", "Accept: image/png"), 404);
    }

    @Test
    void malformedRequestLinesAndHeadersAreProblems() {
        assertProblem(RawHttp.send(port, "GET", "/api/echo", "Bad Header: x"), 400);
        assertProblem(RawHttp.send(port, "GET", "/api/a\"b{"), 400);
        // A control character in the method: Tomcat's message quotes it, the problem must not.
        assertProblem(RawHttp.send(port, "G\u0001T", "/api/echo"), 400);
        assertProblem(RawHttp.send(port, "TRACE", "/api/echo"), 405);
        assertProblem(RawHttp.send(port, "POST", "/api/echo", "Content-Length: abc"), 400);
        assertProblem(RawHttp.send(port, "POST", "/api/echo", "Transfer-Encoding: gzip"), 501);
    }

    @Test
    void aServiceExceptionThrownByAFilterGetsTheSameAnswerAsFromAHandler() {
        RawHttp.Answer answer = RawHttp.send(port, "GET", "/api/filtered");
        JsonNode problem = assertProblem(answer, 503);
        assertThat(problem.path("title").asString()).isEqualTo("Unavailable");
        assertThat(problem.path("detail").asString()).isEqualTo("the filter's dependency is down");
        assertThat(problem.path("instance").asString()).isEqualTo("/api/filtered");
        assertThat(answer.headers()).containsEntry("retry-after", "7");
    }

    @Test
    void aFiltersSendErrorIsAProblemWithItsMessageMadePrintable() {
        JsonNode problem = assertProblem(RawHttp.send(port, "GET", "/api/refused"), 403);
        assertThat(problem.path("detail").asString()).isEqualTo("no?entry");
    }

    @Test
    void anUnexpectedFailureIsA500ThatKeepsItsCauseToItself() {
        RawHttp.Answer answer = RawHttp.send(port, "GET", "/api/boom");
        JsonNode problem = assertProblem(answer, 500);
        assertThat(problem.path("title").asString()).isEqualTo("Internal Server Error");
        assertThat(answer.body()).doesNotContain("secret internals").doesNotContain("IllegalStateException");
    }

    @Test
    void theErrorPageItselfIsNotAResource() {
        assertProblem(RawHttp.send(port, "GET", "/error"), 404);
    }

    @Test
    void springsOwnProblemsNameTheirTypeToo() {
        JsonNode problem = assertProblem(RawHttp.send(port, "DELETE", "/api/echo"), 405);
        assertThat(problem.path("type").asString()).isEqualTo("about:blank");
        assertThat(problem.path("instance").asString()).isEqualTo("/api/echo");
    }
}
