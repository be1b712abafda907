package com.logprocessor.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void findsMetricsButNotFunctionsLabelsOrVariables() {
        assertThat(PromQl.metricNames(
                "histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket"
                        + "{application=\"api-gateway\", uri!~\"/actuator.*\"}[$__rate_interval])))"))
                .containsExactly("http_server_requests_seconds_bucket");
    }

    @Test
    void findsEveryOperandOfABinaryExpression() {
        assertThat(PromQl.metricNames(
                "sum by (node) (rate(a_sum[5m])) / on (node) group_left sum by (node) (rate(a_count[5m])) * 2"
                        + " + max(b{state=~\"open|x\"}) or vector(0)"))
                .containsExactlyInAnyOrder("a_sum", "a_count", "b");
    }

    @Test
    void ignoresKeywordsDurationsAndNumbers() {
        assertThat(PromQl.metricNames("count(up{job!=\"prometheus\"} == 0) or vector(1e3) offset 5m"))
                .containsExactly("up");
    }

    @Test
    void readsGrafanaVariableQueries() {
        assertThat(PromQl.metricNamesOfVariableQuery("label_values(jvm_memory_used_bytes, job)"))
                .containsExactly("jvm_memory_used_bytes");
        assertThat(PromQl.metricNamesOfVariableQuery("label_values(job)")).isEmpty();
    }
}
