package com.logprocessor.it.deploy;

import static com.logprocessor.it.deploy.DeploymentFiles.list;
import static com.logprocessor.it.deploy.DeploymentFiles.map;
import static com.logprocessor.it.deploy.DeploymentFiles.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * monitoring/prometheus/alerts.yml: the alerts an operator needs, each on metrics the services
 * export, with a severity, a summary and a runbook line in the README; loaded by prometheus.yml and
 * mounted by Compose. (Its PromQL syntax is checked by {@code promtool check rules} where Prometheus
 * is installed.)
 */
class AlertRulesTest {

    private static final Map<String, Object> RULES = DeploymentFiles.yaml("monitoring/prometheus/alerts.yml");
    private static final Set<String> REQUIRED = Set.of("StorageNodeDown", "CircuitBreakerOpen", "IngestLagGrowing",
            "HintBacklogGrowing", "HintsExpiring", "RepairJobsFailing", "DivergenceNotHealed", "BalanceScoreLow");

    private static List<Map<String, Object>> rules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Object group : list(RULES, "groups")) {
            for (Object rule : list(map(group, "group"), "rules")) {
                rules.add(map(rule, "rule"));
            }
        }
        return rules;
    }

    @Test
    void everyAlertTheOperatorNeedsIsThereOnceOnExportedMetrics() {
        List<String> names = rules().stream().map(r -> string(r, "alert")).toList();
        assertThat(names).doesNotHaveDuplicates().containsAll(REQUIRED);
        for (Map<String, Object> rule : rules()) {
            String expr = string(rule, "expr");
            assertThat(PromQl.metricNames(expr)).as("metrics of %s: %s", string(rule, "alert"), expr).isNotEmpty()
                    .allSatisfy(name -> assertThat(MetricCatalog.SERIES).as("known metric").contains(name));
        }
    }

    @Test
    void everyAlertHasASeverityASummaryAndARunbookLineInTheReadme() {
        String readme = DeploymentFiles.read("README.md");
        for (Map<String, Object> rule : rules()) {
            String alert = string(rule, "alert");
            assertThat(string(map(rule, "labels"), "severity")).as(alert).isIn("critical", "warning", "info");
            Map<String, Object> annotations = map(rule, "annotations");
            assertThat(string(annotations, "summary")).as(alert).isNotBlank();
            String anchor = "alert-" + alert.toLowerCase(Locale.ROOT);
            assertThat(string(annotations, "runbook")).as(alert).isEqualTo("README.md#" + anchor);
            assertThat(readme).as("runbook of %s", alert).contains("<a id=\"" + anchor + "\"></a>");
        }
    }

    /** Where Prometheus is installed: its own checker accepts the configuration and the rules. */
    @Test
    void promtoolAcceptsTheConfigAndTheRules() throws Exception {
        java.util.Optional<java.nio.file.Path> promtool = java.util.stream.Stream.of(
                        System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> java.nio.file.Path.of(dir, "promtool")).filter(java.nio.file.Files::isExecutable).findFirst();
        org.junit.jupiter.api.Assumptions.assumeTrue(promtool.isPresent(),
                "promtool is not installed (apt-get install prometheus): skipped");
        for (List<String> check : List.of(List.of("check", "config", "monitoring/prometheus/prometheus.yml"),
                List.of("check", "rules", "monitoring/prometheus/alerts.yml"))) {
            List<String> command = new ArrayList<>(List.of(promtool.get().toString()));
            command.addAll(check);
            Process process = new ProcessBuilder(command).directory(DeploymentFiles.ROOT.toFile())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as("promtool %s: %s", check, output).isZero();
        }
    }

    @Test
    void prometheusLoadsTheRulesAndComposeMountsThemBesideItsConfig() {
        assertThat(list(DeploymentFiles.yaml("monitoring/prometheus/prometheus.yml"), "rule_files"))
                .containsExactly("alerts.yml");
        assertThat(DeploymentFiles.bindMounts(DeploymentFiles.service(DeploymentFiles.compose(), "prometheus")))
                .containsEntry("monitoring/prometheus/alerts.yml", "/etc/prometheus/alerts.yml");
    }
}
