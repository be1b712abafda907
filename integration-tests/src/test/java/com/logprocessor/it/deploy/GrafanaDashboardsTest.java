package com.logprocessor.it.deploy;

import static com.logprocessor.it.deploy.DeploymentFiles.bindMounts;
import static com.logprocessor.it.deploy.DeploymentFiles.environment;
import static com.logprocessor.it.deploy.DeploymentFiles.list;
import static com.logprocessor.it.deploy.DeploymentFiles.map;
import static com.logprocessor.it.deploy.DeploymentFiles.service;
import static com.logprocessor.it.deploy.DeploymentFiles.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Grafana provisioning and the dashboards: every dashboard parses, uses the provisioned datasource,
 * and queries only metrics the services export ({@link MetricCatalog}).
 */
class GrafanaDashboardsTest {

    private static final Map<String, Object> COMPOSE = DeploymentFiles.compose();
    private static final Map<String, Object> DATASOURCE = map(
            list(DeploymentFiles.yaml("monitoring/grafana/provisioning/datasources/prometheus.yml"), "datasources").get(0),
            "datasource");
    private static final String DATASOURCE_UID = string(DATASOURCE, "uid");
    private static final Set<String> PANEL_TYPES = Set.of(
            "row", "timeseries", "stat", "gauge", "state-timeline", "bargauge", "table", "text");

    static List<Path> dashboards() {
        return DeploymentFiles.dashboards();
    }

    @Test
    void theDatasourceIsPrometheusInCompose() {
        assertThat(DATASOURCE_UID).isEqualTo("prometheus");
        assertThat(string(DATASOURCE, "type")).isEqualTo("prometheus");
        assertThat(string(DATASOURCE, "url")).isEqualTo("http://prometheus:" + Design.INFRASTRUCTURE.get("prometheus"));
    }

    @Test
    void grafanaLoadsTheProvisioningAndDashboardFolders() {
        Map<String, Object> grafana = service(COMPOSE, "grafana");
        Map<String, String> mounts = bindMounts(grafana);
        assertThat(mounts).containsEntry("monitoring/grafana/provisioning", "/etc/grafana/provisioning");

        Map<String, Object> provider = map(list(
                DeploymentFiles.yaml("monitoring/grafana/provisioning/dashboards/log-storage.yml"), "providers").get(0),
                "provider");
        String dashboardsPath = string(map(provider, "options"), "path");
        assertThat(mounts).containsEntry("monitoring/grafana/dashboards", dashboardsPath);

        String home = environment(grafana).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
        assertThat(home).startsWith(dashboardsPath + "/");
        assertThat(Files.isRegularFile(DeploymentFiles.path("monitoring/grafana/dashboards"
                + home.substring(dashboardsPath.length())))).as("home dashboard %s", home).isTrue();
        assertThat(environment(grafana)).containsEntry("GF_SECURITY_ADMIN_USER", "admin")
                .containsEntry("GF_SECURITY_ADMIN_PASSWORD", "admin");
    }

    @Test
    void theDesignsDashboardsAreThereWithUniqueUids() {
        List<String> titles = new ArrayList<>();
        Set<String> uids = new HashSet<>();
        for (Path file : dashboards()) {
            Map<String, Object> dashboard = DeploymentFiles.json(file);
            titles.add(string(dashboard, "title"));
            assertThat(uids.add(string(dashboard, "uid"))).as("unique uid in %s", file.getFileName()).isTrue();
        }
        assertThat(titles).contains("Log storage overview", "Resilience", "Anti-Entropy Overview", "Storage Node Metrics",
                "Consistency Metrics");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void dashboardIsWellFormed(Path file) {
        Map<String, Object> dashboard = DeploymentFiles.json(file);
        assertThat(string(dashboard, "uid")).isNotBlank();
        assertThat(string(dashboard, "title")).isNotBlank();
        assertThat(((Number) dashboard.get("schemaVersion")).intValue()).isGreaterThanOrEqualTo(39);

        Set<Integer> ids = new HashSet<>();
        for (Map<String, Object> panel : panels(dashboard)) {
            String title = string(panel, "title");
            assertThat(PANEL_TYPES).as("type of panel '%s'", title).contains(string(panel, "type"));
            assertThat(ids.add(((Number) panel.get("id")).intValue())).as("unique id of panel '%s'", title).isTrue();
            Map<String, Object> grid = map(panel, "gridPos");
            int x = ((Number) grid.get("x")).intValue();
            int w = ((Number) grid.get("w")).intValue();
            assertThat(x + w).as("panel '%s' fits the 24-column grid", title).isLessThanOrEqualTo(24);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void everyQueryUsesTheProvisionedDatasource(Path file) {
        Map<String, Object> dashboard = DeploymentFiles.json(file);
        for (Map<String, Object> panel : panels(dashboard)) {
            if (Set.of("row", "text").contains(string(panel, "type"))) {
                continue;
            }
            String title = string(panel, "title");
            assertThat(string(map(panel, "datasource"), "uid")).as("datasource of '%s'", title).isEqualTo(DATASOURCE_UID);
            List<Object> targets = list(panel, "targets");
            assertThat(targets).as("queries of '%s'", title).isNotEmpty();
            for (Object rawTarget : targets) {
                Map<String, Object> target = map(rawTarget, "target");
                if (target.containsKey("datasource")) {
                    assertThat(string(map(target, "datasource"), "uid")).as("datasource of a query of '%s'", title)
                            .isEqualTo(DATASOURCE_UID);
                }
                assertThat(string(target, "expr")).as("query of '%s'", title).isNotBlank();
            }
        }
        for (Map<String, Object> variable : variables(dashboard)) {
            if ("query".equals(string(variable, "type"))) {
                assertThat(string(map(variable, "datasource"), "uid")).as("datasource of variable %s",
                        string(variable, "name")).isEqualTo(DATASOURCE_UID);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void everyQueriedMetricIsOneTheServicesExport(Path file) {
        Map<String, Object> dashboard = DeploymentFiles.json(file);
        for (Map<String, Object> panel : panels(dashboard)) {
            for (String expr : expressions(panel)) {
                assertThat(PromQl.metricNames(expr)).as("metrics of '%s': %s", string(panel, "title"), expr)
                        .isNotEmpty()
                        .allSatisfy(name -> assertThat(MetricCatalog.SERIES).as("known metric").contains(name));
            }
        }
        for (Map<String, Object> variable : variables(dashboard)) {
            String query = variableQuery(variable);
            if (query != null) {
                assertThat(PromQl.metricNamesOfVariableQuery(query)).as("variable %s", string(variable, "name"))
                        .allSatisfy(name -> assertThat(MetricCatalog.SERIES).contains(name));
            }
        }
    }

    @Test
    void everyMetricTheDesignPromisesIsOnADashboard() {
        Set<String> used = new TreeSet<>();
        for (Path file : dashboards()) {
            for (Map<String, Object> panel : panels(DeploymentFiles.json(file))) {
                expressions(panel).forEach(expr -> used.addAll(PromQl.metricNames(expr)));
            }
        }
        assertThat(used).containsAll(MetricCatalog.DESIGN_PROMISES);
    }

    /** All panels, including those nested in collapsed rows. */
    static List<Map<String, Object>> panels(Map<String, Object> dashboard) {
        List<Map<String, Object>> panels = new ArrayList<>();
        for (Object raw : list(dashboard, "panels")) {
            Map<String, Object> panel = map(raw, "panel");
            panels.add(panel);
            list(panel, "panels").forEach(nested -> panels.add(map(nested, "panel")));
        }
        return panels;
    }

    static List<String> expressions(Map<String, Object> panel) {
        return list(panel, "targets").stream().map(t -> string(map(t, "target"), "expr"))
                .filter(e -> e != null && !e.isBlank()).toList();
    }

    private static List<Map<String, Object>> variables(Map<String, Object> dashboard) {
        return list(map(dashboard, "templating"), "list").stream().map(v -> map(v, "variable")).toList();
    }

    /** A query variable's PromQL: a string, or Grafana's {query: …} object. */
    private static String variableQuery(Map<String, Object> variable) {
        if (!"query".equals(string(variable, "type"))) {
            return null;
        }
        Object query = variable.get("query");
        return query instanceof Map<?, ?> m ? String.valueOf(m.get("query")) : String.valueOf(query);
    }
}
