package com.logprocessor.localcluster.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prometheus for the local cluster, when a {@code prometheus} binary is installed (Debian's package;
 * {@code PROMETHEUS_BIN} names another): the same alerts as Compose ({@code monitoring/prometheus/alerts.yml})
 * and one scrape job per running service, named as in Compose's {@code prometheus.yml} so the
 * dashboards' queries read alike, but at {@code 127.0.0.1:<port>}. Config and data in {@code <run>/prometheus}.
 */
public final class PrometheusServer {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private PrometheusServer() {
    }

    /** The prometheus executable: {@code PROMETHEUS_BIN}, else {@code prometheus} on the PATH. */
    public static Optional<Path> binary() {
        String configured = System.getenv("PROMETHEUS_BIN");
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "prometheus");
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public static Path dir(Path runDir) {
        return runDir.resolve("prometheus");
    }

    /**
     * Writes the configuration ({@code targets}: scrape job name → port, every service of the
     * cluster) and answers the command line.
     */
    public static List<String> command(Path runDir, Path repoRoot, int port, Map<String, Integer> targets) {
        Path binary = binary().orElseThrow(() -> new IllegalStateException(
                "no prometheus binary (apt-get install prometheus, or set PROMETHEUS_BIN)"));
        Path dir = dir(runDir);
        try {
            Files.createDirectories(dir.resolve("data"));
            Files.copy(repoRoot.resolve("monitoring/prometheus/alerts.yml"), dir.resolve("alerts.yml"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(dir.resolve("prometheus.yml"), config(port, targets));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of(binary.toString(),
                "--config.file=" + dir.resolve("prometheus.yml").toAbsolutePath(),
                "--storage.tsdb.path=" + dir.resolve("data").toAbsolutePath(),
                "--storage.tsdb.retention.time=7d",
                "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-lifecycle");
    }

    /** prometheus.yml: Compose's settings (5 s scrapes, the alerts), local targets. */
    public static String config(int port, Map<String, Integer> targets) {
        StringBuilder yml = new StringBuilder("""
                # Written by the local cluster from monitoring/prometheus (Compose's prometheus.yml, local targets).
                global:
                  scrape_interval: 5s
                  scrape_timeout: 4s
                  evaluation_interval: 15s

                rule_files:
                  - alerts.yml

                scrape_configs:
                """);
        yml.append("  - job_name: prometheus\n    static_configs:\n      - targets: [\"127.0.0.1:")
                .append(port).append("\"]\n");
        targets.forEach((job, p) -> yml.append("  - job_name: ").append(job)
                .append("\n    metrics_path: /actuator/prometheus\n    static_configs:\n      - targets: [\"127.0.0.1:")
                .append(p).append("\"]\n"));
        return yml.toString();
    }

    /** {@code GET /-/ready} answers 200. */
    public static boolean isReady(int port) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/-/ready")).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
