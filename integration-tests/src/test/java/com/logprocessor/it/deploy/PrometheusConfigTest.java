package com.logprocessor.it.deploy;

import static com.logprocessor.it.deploy.DeploymentFiles.list;
import static com.logprocessor.it.deploy.DeploymentFiles.map;
import static com.logprocessor.it.deploy.DeploymentFiles.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** monitoring/prometheus/prometheus.yml: every service scraped, at an address Compose gives it. */
class PrometheusConfigTest {

    private static final Map<String, Object> CONFIG = DeploymentFiles.yaml("monitoring/prometheus/prometheus.yml");
    private static final Map<String, Object> COMPOSE = DeploymentFiles.compose();

    /** A target of a job: "host:port". */
    private record Target(String job, String metricsPath, String host, int port) {
    }

    private static List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        for (Object rawJob : list(CONFIG, "scrape_configs")) {
            Map<String, Object> job = map(rawJob, "scrape config");
            String path = string(job, "metrics_path") == null ? "/metrics" : string(job, "metrics_path");
            for (Object staticConfig : list(job, "static_configs")) {
                for (Object target : list(map(staticConfig, "static_configs"), "targets")) {
                    String[] hostPort = String.valueOf(target).split(":");
                    targets.add(new Target(string(job, "job_name"), path, hostPort[0], Integer.parseInt(hostPort[1])));
                }
            }
        }
        return targets;
    }

    @Test
    void everyServiceOfTheDesignIsScrapedAtItsActuatorEndpoint() {
        for (Design.Service service : Design.SERVICES) {
            assertThat(targets()).as("scrape target of %s", service.name())
                    .filteredOn(t -> t.host().equals(service.name()))
                    .singleElement()
                    .satisfies(t -> {
                        assertThat(t.port()).isEqualTo(service.port());
                        assertThat(t.metricsPath()).isEqualTo("/actuator/prometheus");
                    });
        }
    }

    /** A target must be a Compose service on the port it listens on (SERVER_PORT), or Prometheus itself. */
    @Test
    void everyTargetIsAComposeServiceAndPort() {
        Map<String, Object> services = map(COMPOSE, "services");
        for (Target target : targets()) {
            if (target.host().equals("localhost")) {
                assertThat(target.job()).isEqualTo("prometheus");
                assertThat(target.port()).isEqualTo(Design.INFRASTRUCTURE.get("prometheus"));
                continue;
            }
            assertThat(services).as("job %s scrapes %s", target.job(), target.host()).containsKey(target.host());
            String port = DeploymentFiles.environment(map(services.get(target.host()), target.host())).get("SERVER_PORT");
            assertThat(port).as("port of %s", target.host()).isEqualTo(String.valueOf(target.port()));
        }
    }

    @Test
    void prometheusScrapesItselfAndEveryJobHasAUniqueName() {
        List<String> jobs = list(CONFIG, "scrape_configs").stream()
                .map(job -> string(map(job, "scrape config"), "job_name")).toList();
        assertThat(jobs).doesNotHaveDuplicates().contains("prometheus");
        assertThat(targets()).anySatisfy(t -> assertThat(t.job()).isEqualTo("prometheus"));
    }

    @Test
    void scrapesOftenEnoughForTheDashboards() {
        assertThat(string(map(CONFIG, "global"), "scrape_interval")).isEqualTo("5s");
    }

    @Test
    void composeMountsThisFile() {
        assertThat(DeploymentFiles.bindMounts(DeploymentFiles.service(COMPOSE, "prometheus")))
                .containsEntry("monitoring/prometheus/prometheus.yml", "/etc/prometheus/prometheus.yml");
    }
}
