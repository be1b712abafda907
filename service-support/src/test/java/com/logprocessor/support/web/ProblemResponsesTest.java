package com.logprocessor.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.entry.Violation;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class ProblemResponsesTest {

    enum Level { INFO }

    record Entry(String id, Level level) {
    }

    record Batch(List<Entry> entries) {
    }

    record Positive(int value) {
        Positive {
            if (value < 0) {
                throw new IllegalArgumentException("value must not be negative, was " + value);
            }
        }
    }

    private final ProblemResponses problems = new ProblemResponses();
    private final JsonMapper json = JsonMapper.builder().build();

    private HttpMessageNotReadableException unreadable(String body, Class<?> type) {
        try {
            json.readValue(body, type);
        } catch (JacksonException e) {
            return new HttpMessageNotReadableException("JSON parse error: " + e.getOriginalMessage(), e, input());
        }
        throw new AssertionError("the body was readable: " + body);
    }

    private static HttpInputMessage input() {
        return new HttpInputMessage() {
            @Override
            public ByteArrayInputStream getBody() {
                return new ByteArrayInputStream(new byte[0]);
            }

            @Override
            public HttpHeaders getHeaders() {
                return new HttpHeaders();
            }
        };
    }

    private ProblemDetail unreadableProblem(HttpMessageNotReadableException e) {
        ResponseEntity<Object> answer = problems.handleHttpMessageNotReadable(e, new HttpHeaders(),
                HttpStatus.BAD_REQUEST, new ServletWebRequest(new MockHttpServletRequest()));
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        return (ProblemDetail) answer.getBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> errors(ProblemDetail problem) {
        return (List<Map<String, String>>) problem.getProperties().get("errors");
    }

    @Test
    void aMistypedValueIsNamedByItsJsonPath() {
        ProblemDetail problem = unreadableProblem(
                unreadable("{\"entries\":[{\"level\":\"INFO\"},{\"level\":\"LOUD\"}]}", Batch.class));
        assertThat(problem.getType()).isEqualTo(ProblemTypes.INVALID_REQUEST);
        assertThat(problem.getTitle()).isEqualTo("Invalid request");
        assertThat(problem.getDetail()).startsWith("the request body is not valid JSON for this endpoint: entries[1].level: ");
        assertThat(errors(problem)).singleElement().satisfies(error -> {
            assertThat(error.get("field")).isEqualTo("entries[1].level");
            assertThat(error.get("message")).contains("LOUD").doesNotContain("\n");
        });
    }

    @Test
    void aRecordsOwnCheckIsTheReason() {
        Violation violation = ProblemResponses.describe(unreadable("{\"value\":-1}", Positive.class));
        assertThat(violation.message()).isEqualTo("value must not be negative, was -1");
    }

    @Test
    void malformedJsonWithoutAPathIsAboutTheBody() {
        ProblemDetail problem = unreadableProblem(unreadable("not json", Batch.class));
        assertThat(errors(problem)).singleElement().satisfies(error -> assertThat(error.get("field")).isEqualTo("body"));
        assertThat(problem.getDetail()).startsWith("the request body is not valid JSON for this endpoint: ")
                .doesNotContain("body: ").doesNotContain("\n");
    }

    @Test
    void anotherReadersMessageSaysWhatIsWrong() {
        HttpMessageNotReadableException wire = new HttpMessageNotReadableException(
                "malformed application/x-log-batch body: truncated\nsecond line",
                new IllegalArgumentException("truncated", new java.nio.BufferUnderflowException()), input());
        ProblemDetail problem = unreadableProblem(wire);
        assertThat(problem.getDetail())
                .isEqualTo("the request body is not readable for this endpoint: malformed application/x-log-batch body: truncated");
        assertThat(errors(problem)).singleElement().satisfies(error -> assertThat(error.get("field")).isEqualTo("body"));
    }

    @Test
    void aBodyCutOffByTheSizeLimitIsA413() {
        HttpMessageNotReadableException cut = new HttpMessageNotReadableException("I/O error",
                new PayloadTooLargeException("the request body is over the limit"), input());
        ResponseEntity<Object> answer = problems.handleHttpMessageNotReadable(cut, new HttpHeaders(),
                HttpStatus.BAD_REQUEST, new ServletWebRequest(new MockHttpServletRequest()));
        assertThat(answer.getStatusCode().value()).isEqualTo(413);
        assertThat(((ProblemDetail) answer.getBody()).getTitle()).isEqualTo("Request too large");
    }

    @Test
    void aServiceExceptionCarriesItsStatusTypeTitleAndRetryAfter() {
        class Fenced extends ProblemException {
            Fenced() {
                super(HttpStatus.CONFLICT, "Conflict", ProblemTypes.CONFLICT, "a newer writer owns it");
            }
        }
        ResponseEntity<ProblemDetail> answer = problems.problem(
                (ProblemException) new Fenced().with("owner", "gen-7").retryAfter(Duration.ofMillis(1500)));
        assertThat(answer.getStatusCode().value()).isEqualTo(409);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(answer.getBody().getType()).isEqualTo(ProblemTypes.CONFLICT);
        assertThat(answer.getBody().getTitle()).isEqualTo("Conflict");
        assertThat(answer.getBody().getDetail()).isEqualTo("a newer writer owns it");
        assertThat(answer.getBody().getProperties()).containsEntry("owner", "gen-7");
    }

    @Test
    void aCauseIsKeptWhetherGivenToTheConstructorOrSetLater() {
        IllegalStateException reason = new IllegalStateException("Kafka is away");
        assertThat(new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Unavailable", null, "later", reason).getCause())
                .isSameAs(reason);
        // A subclass that sets its cause after construction (as exceptions long did) must not throw.
        ProblemException later = ProblemException.unavailable("later");
        later.initCause(reason);
        assertThat(later.getCause()).isSameAs(reason);
    }

    @Test
    void knownFindsTheServicesOwnExceptionsAmongTheCausesAndNothingElse() {
        assertThat(problems.known(new RuntimeException("wrapped", ProblemException.notFound("gone")))
                .getStatusCode().value()).isEqualTo(404);
        assertThat(problems.known(new InvalidRequestException(new Violation("limit", "must be positive")))
                .getBody().getType()).isEqualTo(ProblemTypes.INVALID_REQUEST);
        assertThat(problems.known(new PayloadTooLargeException("too many")).getStatusCode().value()).isEqualTo(413);
        assertThat(problems.known(new IllegalStateException("a bug"))).isNull();
    }

    @SuppressWarnings("unused")
    private static void limit(int limit) {
    }

    @Test
    void aMistypedParameterIsQuotedWithoutItsControlCharacters() throws Exception {
        MethodArgumentTypeMismatchException e = new MethodArgumentTypeMismatchException("1\u00002", int.class, "limit",
                new MethodParameter(ProblemResponsesTest.class.getDeclaredMethod("limit", int.class), 0),
                new NumberFormatException("For input string: \"1\u00002\""));
        ProblemDetail problem = problems.typeMismatch(e).getBody();
        assertThat(problem.getDetail()).isEqualTo("parameter 'limit' has an invalid value '1?2': For input string: \"1?2\"");
        assertThat(errors(problem)).singleElement().satisfies(error -> {
            assertThat(error.get("field")).isEqualTo("limit");
            assertThat(error.get("message")).isEqualTo("For input string: \"1?2\"");
        });
    }

    @Test
    void aProblemsDetailNeverHoldsAControlCharacter() {
        ProblemDetail quoting = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "bad key 'a\u0000b'");
        assertThat(((ProblemDetail) problems.beforeBodyWrite(quoting, null, null, null, null, null)).getDetail())
                .isEqualTo("bad key 'a?b'");
    }

    @Test
    void everyProblemWrittenNamesItsType() {
        ProblemDetail blank = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no such thing");
        assertThat(((ProblemDetail) problems.beforeBodyWrite(blank, null, null, null, null, null)).getType())
                .hasToString("about:blank");
        ProblemDetail typed = ProblemResponses.invalidRequest("bad", List.of());
        assertThat(((ProblemDetail) problems.beforeBodyWrite(typed, null, null, null, null, null)).getType())
                .isEqualTo(ProblemTypes.INVALID_REQUEST);
        assertThat(problems.beforeBodyWrite("not a problem", null, null, null, null, null)).isEqualTo("not a problem");
    }
}
