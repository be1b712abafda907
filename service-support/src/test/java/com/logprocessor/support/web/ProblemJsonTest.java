package com.logprocessor.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProblemJsonTest {

    @Test
    void rendersTheProblemShapeAsValidJson() {
        String body = ProblemJson.render(400, null, "Invalid URI", "/api/x%2Fy");
        JsonNode problem = JsonMapper.builder().build().readTree(body);
        assertThat(problem.path("type").asString()).isEqualTo("about:blank");
        assertThat(problem.path("title").asString()).isEqualTo("Bad Request");
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asString()).isEqualTo("Invalid URI");
        assertThat(problem.path("instance").asString()).isEqualTo("/api/x%2Fy");
        assertThat(ProblemJson.render(413, "Request too large", "over", null)).doesNotContain("instance");
    }

    @Test
    void neverEchoesControlCharactersAndStaysAscii() {
        String body = ProblemJson.render(400, null, "bad \u0000 \r\n \u007f \u0085 \"quoted\" \\ é", "/a\u0000b");
        assertThat(body.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
        JsonNode problem = JsonMapper.builder().build().readTree(body);
        assertThat(problem.path("detail").asString()).isEqualTo("bad ? ?? ? ? \"quoted\" \\ é");
        assertThat(problem.path("instance").asString()).isEqualTo("/a?b");
    }

    @Test
    void cutsLongTextAndKeepsNull() {
        assertThat(ProblemJson.printable("x".repeat(5_000))).hasSize(ProblemJson.MAX_TEXT + 3).endsWith("...");
        assertThat(ProblemJson.printable(null)).isNull();
    }

    @Test
    void describesAStatusWithoutRepeatingAnyException() {
        assertThat(ProblemJson.defaultDetail(431)).contains("headers");
        assertThat(ProblemJson.defaultDetail(503)).contains("log");
        assertThat(ProblemJson.defaultDetail(418)).contains("I'm a teapot");
        assertThat(ProblemJson.title(599)).isEqualTo("Error");
    }
}
