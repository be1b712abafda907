package com.logprocessor.localcluster;

import com.logprocessor.localcluster.ServiceCatalog.ServiceSpec;
import com.logprocessor.localcluster.security.ClusterSecrets;
import com.logprocessor.localcluster.infra.KafkaServer;
import com.logprocessor.localcluster.infra.PostgresServer;
import com.logprocessor.localcluster.infra.PrometheusServer;
import com.logprocessor.localcluster.infra.RedisServer;
import com.logprocessor.localcluster.infra.TcpProbe;
import com.logprocessor.localcluster.process.ProcessControl;
import com.logprocessor.localcluster.process.ProcessControl.Running;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system on one machine without Docker: PostgreSQL, Redis and Kafka (KRaft) from Maven
 * artifacts and every service as its own JVM, each an OS process with its log in
 * {@code <run>/logs/<name>.log} and its pid in {@code <run>/pids/<name>.pid}. The CLI
 * ({@link LocalClusterCli}, {@code ./setup.sh}) and the integration tests use this same class.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.builder()
 *         .runDir(tempDir).freePorts().storageNodes(3)
 *         .services(Set.of("storage-node", "storage-coordinator"))
 *         .build()) {
 *     cluster.up();
 *     cluster.kill("storage-node-2");
 *     cluster.start("storage-node-2");
 *     cluster.awaitReady("storage-node-2");
 *     String coordinator = cluster.url("storage-coordinator");
 * }  // close() = down()
 * }</pre>
 *
 * <p>Processes are detached: they outlive the JVM that started them unless {@code stopOnJvmExit} is on
 * (the builder's default, for tests), in which case a JVM shutdown hook runs {@link #down()}.
 */
public final class LocalCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalCluster.class);

    public enum Kind { INFRASTRUCTURE, SERVICE }

    public enum State {
        /** Running and answering its readiness check. */
        READY,
        /** Running, not (yet) ready. */
        STARTING,
        /** Not running. */
        STOPPED,
        /** Was started, and its process is gone without being stopped (crashed or killed from outside). */
        EXITED,
        /** A service whose jar has not been built: skipped. */
        NOT_BUILT
    }

    /** One row of {@link #status()}. */
    public record ComponentStatus(String name, Kind kind, State state, OptionalLong pid, String address, Path logFile) {
    }

    private final ClusterConfig config;
    private final ClassDataSharing cds;
    private final Consumer<String> progress;
    private final Duration readyTimeout;
    private final boolean stopOnJvmExit;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final Object hookLock = new Object();
    private Thread shutdownHook;
    private volatile long upStartedNanos = System.nanoTime();
    /** Read (or generated) on first use: {@link #secrets()}. */
    private ClusterSecrets secrets;

    LocalCluster(ClusterConfig config, Consumer<String> progress, Duration readyTimeout, boolean stopOnJvmExit) {
        this.config = config;
        this.cds = new ClassDataSharing(config.runDir());
        this.progress = progress;
        this.readyTimeout = readyTimeout;
        this.stopOnJvmExit = stopOnJvmExit;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The cluster recorded in {@code runDir} by an earlier {@code up} (of the CLI or of another JVM).
     * It is not stopped when this JVM exits.
     */
    public static LocalCluster attach(Path runDir) {
        return attach(runDir, log::info);
    }

    public static LocalCluster attach(Path runDir, Consumer<String> progress) {
        Path dir = runDir.toAbsolutePath().normalize();
        if (!ClusterConfig.exists(dir)) {
            throw new IllegalStateException("no cluster in " + dir + " (no " + ClusterConfig.FILE_NAME + ")");
        }
        return new LocalCluster(ClusterConfig.load(dir), progress, Builder.DEFAULT_READY_TIMEOUT, false);
    }

    ClusterConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Starts every component that is not running (infrastructure first, then the services, all in
     * parallel) and waits until each is ready. Services whose jar is not built are skipped with a note.
     * Idempotent: on a running cluster it only checks readiness.
     */
    public synchronized void up() {
        upStartedNanos = System.nanoTime();
        prepareRunDir();
        config.save();
        progress.accept("Run folder " + config.runDir() + " (logs in " + config.runDir().resolve("logs") + ")");

        List<String> infra = config.components().stream().filter(ServiceCatalog::isInfrastructure).toList();
        // Kafka first: it is the slowest to become ready; PostgreSQL's first start also runs initdb.
        List<String> infraStartOrder = Stream.of(ServiceCatalog.KAFKA, ServiceCatalog.REDIS, ServiceCatalog.POSTGRES,
                        ServiceCatalog.PROMETHEUS)
                .filter(infra::contains).toList();
        for (String name : infraStartOrder) {
            startIfNeeded(name);
        }
        awaitAllReady(infra);

        List<String> services = new ArrayList<>();
        for (String name : config.components()) {
            if (ServiceCatalog.isInfrastructure(name)) {
                continue;
            }
            if (!Files.isRegularFile(jar(name))) {
                progress.accept(String.format("%-26s skipped: %s is not built", name, config.repoRoot().relativize(jar(name))));
                continue;
            }
            services.add(name);
        }
        if (config.classDataSharing()) {
            extractInParallel(services);
        }
        for (String name : services) {
            startIfNeeded(name);
        }
        awaitAllReady(services);
        progress.accept(String.format("Up in %.1f s", elapsedSeconds()));
        progress.accept("API keys (admin, ingest, read) and the internal token: " + ClusterSecrets.keysFile(config.runDir())
                + " (source it, then curl -H \"X-API-Key: $LOGSTORE_INGEST_KEY\" ...)");
    }

    /**
     * The cluster's credentials, generated under {@code <run>/security} on first use: every service
     * starts with their hashes and the internal token in its environment (not its command line,
     * which {@code ps} shows to everyone).
     */
    public synchronized ClusterSecrets secrets() {
        if (secrets == null) {
            secrets = ClusterSecrets.ensure(config.runDir(), progress);
        }
        return secrets;
    }

    /** Extracts the fat jars of the services about to start, two at a time (one per core here). */
    private void extractInParallel(List<String> services) {
        List<String> toStart = services.stream().filter(n -> !isRunning(n)).toList();
        Map<String, Path> modules = new LinkedHashMap<>();
        toStart.forEach(n -> modules.putIfAbsent(spec(n).module(), jar(n)));
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "local-cluster-extract");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Path>> futures = new ArrayList<>();
            modules.forEach((module, jar) -> futures.add(pool.submit(() -> cds.extract(module, jar))));
            for (Future<Path> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            log.warn("extracting service jars failed ({}); services start from their fat jars", e.getCause().getMessage());
        } finally {
            pool.shutdownNow();
        }
    }

    private void startIfNeeded(String name) {
        if (isRunning(name)) {
            progress.accept(String.format("%-26s already running (pid %d)", name, pid(name).orElse(-1)));
        } else {
            start(name);
        }
    }

    /** Stops every running component: services first (in parallel), then Kafka, then Redis and PostgreSQL. */
    public synchronized void down() {
        List<String> running = runningFromPidFiles();
        List<String> services = running.stream().filter(n -> !ServiceCatalog.isInfrastructure(n)
                || n.equals(ServiceCatalog.PROMETHEUS)).toList();
        stopAll(services);
        stopAll(running.stream().filter(ServiceCatalog.KAFKA::equals).toList());
        stopAll(running.stream().filter(n -> n.equals(ServiceCatalog.REDIS) || n.equals(ServiceCatalog.POSTGRES)).toList());
        removeShutdownHook();
    }

    /** {@link #down()}. */
    @Override
    public void close() {
        down();
    }

    /** Launches a component if it is not running; does not wait for readiness (see {@link #awaitReady(String)}). */
    public synchronized void start(String name) {
        requireKnown(name);
        if (isRunning(name)) {
            return;
        }
        prepareRunDir();
        if (!ClusterConfig.exists(config.runDir())) {
            config.save();
        }
        List<String> command;
        Map<String, String> env = Map.of();
        int port = config.port(name);
        requireFree(name, port);
        switch (name) {
            case ServiceCatalog.POSTGRES -> {
                PostgresServer.prepare(config.runDir(), logFile(name));
                command = PostgresServer.command(config.runDir(), port);
            }
            case ServiceCatalog.REDIS -> command = RedisServer.command(config.runDir(), port);
            case ServiceCatalog.KAFKA -> {
                int controllerPort = config.port(ServiceCatalog.KAFKA_CONTROLLER);
                requireFree(ServiceCatalog.KAFKA_CONTROLLER, controllerPort);
                KafkaServer.Launch launch = KafkaServer.launch(config.runDir(), config.repoRoot(), port, controllerPort);
                command = launch.command();
                env = launch.environment();
            }
            case ServiceCatalog.PROMETHEUS -> command = prometheusCommand();
            default -> {
                command = serviceCommand(name);
                env = secrets().serviceEnvironment();
            }
        }
        long pid = ProcessControl.launch(command, config.runDir(), logFile(name), pidFile(name), env);
        registerShutdownHook();
        progress.accept(String.format("%-26s started (pid %d)", name, pid));
    }

    /** Graceful stop (SIGTERM; SIGINT = fast shutdown for PostgreSQL), SIGKILL after a timeout. Waits until gone. */
    public synchronized void stop(String name) {
        requireKnown(name);
        stopAll(List.of(name));
    }

    /** SIGKILL the component and every process it started (a crash), and wait until they are gone. */
    public synchronized void kill(String name) {
        requireKnown(name);
        Optional<Running> running = ProcessControl.running(pidFile(name));
        if (running.isEmpty()) {
            ProcessControl.deletePidFile(pidFile(name));
            return;
        }
        List<Long> tree = ProcessControl.processTree(running.get().pid());
        tree.forEach(pid -> ProcessControl.signal(pid, "KILL"));
        if (!ProcessControl.awaitExit(tree, Duration.ofSeconds(15))) {
            throw new IllegalStateException(name + " (pid " + running.get().pid() + ") did not die after SIGKILL");
        }
        ProcessControl.deletePidFile(pidFile(name));
        cds.exitedForcibly(name);
        progress.accept(String.format("%-26s killed (pid %d)", name, running.get().pid()));
    }

    /** Stop, start, and wait until ready. */
    public void restart(String name) {
        stop(name);
        start(name);
        awaitReady(name);
    }

    // ------------------------------------------------------------------ readiness

    /** Waits (up to the builder's ready timeout) until the component is ready; fails at once if its process died. */
    public void awaitReady(String name) {
        awaitReady(name, readyTimeout);
    }

    public void awaitReady(String name, Duration timeout) {
        requireKnown(name);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!isRunning(name)) {
                throw new IllegalStateException(name + " is not running" + (Files.exists(pidFile(name)) ? " (its process exited)" : "")
                        + "; see " + logFile(name) + ":\n" + indent(ProcessControl.tail(logFile(name), 20)));
            }
            if (isReady(name)) {
                if (name.equals(ServiceCatalog.POSTGRES)) {
                    List<String> created = PostgresServer.ensureDatabases(postgresPort(), ServiceCatalog.databases(config.storageNodes()));
                    if (!created.isEmpty()) {
                        progress.accept(String.format("%-26s created databases %s", name, String.join(", ", created)));
                    }
                }
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not ready after " + timeout.toSeconds() + " s; see "
                        + logFile(name) + ":\n" + indent(ProcessControl.tail(logFile(name), 20)));
            }
            sleep(name.equals(ServiceCatalog.KAFKA) ? 1000 : 250);
        }
    }

    /** Whether the component answers its readiness check right now. */
    public boolean isReady(String name) {
        requireKnown(name);
        int port = config.port(name);
        return switch (name) {
            case ServiceCatalog.POSTGRES -> PostgresServer.isReady(port);
            case ServiceCatalog.REDIS -> RedisServer.isReady(port);
            case ServiceCatalog.KAFKA -> KafkaServer.isReady(port);
            case ServiceCatalog.PROMETHEUS -> PrometheusServer.isReady(port);
            default -> serviceReady(port);
        };
    }

    private boolean serviceReady(int port) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://" + ServiceCatalog.HOST + ":" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitAllReady(List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(names.size(), r -> {
            Thread t = new Thread(r, "local-cluster-readiness");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, Future<?>> futures = new LinkedHashMap<>();
            for (String name : names) {
                futures.put(name, pool.submit(() -> {
                    awaitReady(name);
                    progress.accept(String.format("[%5.1fs] %-26s ready   %s", elapsedSeconds(), name, address(name)));
                    return null;
                }));
            }
            // Every 15 s, say what is still awaited (service start-up on 2 cores takes a while).
            long nextNote = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (futures.values().stream().anyMatch(f -> !f.isDone())) {
                Thread.sleep(200);
                if (System.nanoTime() > nextNote) {
                    List<String> waiting = futures.entrySet().stream().filter(e -> !e.getValue().isDone()).map(Map.Entry::getKey).toList();
                    if (!waiting.isEmpty()) {
                        progress.accept(String.format("[%5.1fs] waiting for %s", elapsedSeconds(), String.join(", ", waiting)));
                    }
                    nextNote = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                }
            }
            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, Future<?>> e : futures.entrySet()) {
                try {
                    e.getValue().get();
                } catch (ExecutionException ex) {
                    failures.add(ex.getCause().getMessage());
                }
            }
            if (!failures.isEmpty()) {
                throw new IllegalStateException(String.join(System.lineSeparator(), failures));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for readiness", e);
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ state

    /** The component's process is alive (it may not be ready yet). */
    public boolean isRunning(String name) {
        return ProcessControl.running(pidFile(name)).isPresent();
    }

    public OptionalLong pid(String name) {
        return ProcessControl.running(pidFile(name)).map(r -> OptionalLong.of(r.pid())).orElse(OptionalLong.empty());
    }

    /** Every component of this cluster, in order, with its state (readiness is checked now). */
    public List<ComponentStatus> status() {
        List<String> names = config.components();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, names.size()), r -> {
            Thread t = new Thread(r, "local-cluster-status");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ComponentStatus>> rows = new ArrayList<>();
            for (String name : names) {
                rows.add(pool.submit(() -> statusOf(name)));
            }
            List<ComponentStatus> result = new ArrayList<>();
            for (Future<ComponentStatus> row : rows) {
                result.add(row.get());
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private ComponentStatus statusOf(String name) {
        Kind kind = ServiceCatalog.isInfrastructure(name) ? Kind.INFRASTRUCTURE : Kind.SERVICE;
        Optional<Running> running = ProcessControl.running(pidFile(name));
        State state;
        if (running.isPresent()) {
            state = isReady(name) ? State.READY : State.STARTING;
        } else if (kind == Kind.SERVICE && !Files.isRegularFile(jar(name))) {
            state = State.NOT_BUILT;
        } else if (Files.exists(pidFile(name))) {
            state = State.EXITED;
        } else {
            state = State.STOPPED;
        }
        return new ComponentStatus(name, kind, state,
                running.map(r -> OptionalLong.of(r.pid())).orElse(OptionalLong.empty()), address(name), logFile(name));
    }

    /** True when every enabled component (with a built jar) is ready. */
    public boolean isUp() {
        return status().stream().allMatch(s -> s.state() == State.READY || s.state() == State.NOT_BUILT);
    }

    // ------------------------------------------------------------------ addresses

    /** Every enabled component name, infrastructure first. */
    public List<String> names() {
        return config.components();
    }

    public int port(String name) {
        return config.port(name);
    }

    /**
     * A service's base URL ({@code http://127.0.0.1:8080}); for infrastructure: a JDBC URL of database
     * {@code postgres}, {@code redis://127.0.0.1:6379}, or Kafka's bootstrap servers.
     */
    public String url(String name) {
        requireKnown(name);
        return switch (name) {
            case ServiceCatalog.POSTGRES -> jdbcUrl("postgres");
            case ServiceCatalog.REDIS -> "redis://" + ServiceCatalog.HOST + ":" + redisPort();
            case ServiceCatalog.KAFKA -> kafkaBootstrapServers();
            default -> "http://" + ServiceCatalog.HOST + ":" + config.port(name);
        };
    }

    /** {@code 127.0.0.1:<port>} for infrastructure, the URL for services. */
    public String address(String name) {
        return ServiceCatalog.isInfrastructure(name) && !name.equals(ServiceCatalog.PROMETHEUS)
                ? ServiceCatalog.HOST + ":" + config.port(name) : url(name);
    }

    public String host() {
        return ServiceCatalog.HOST;
    }

    public int postgresPort() {
        return config.port(ServiceCatalog.POSTGRES);
    }

    public int redisPort() {
        return config.port(ServiceCatalog.REDIS);
    }

    public int kafkaPort() {
        return config.port(ServiceCatalog.KAFKA);
    }

    public String kafkaBootstrapServers() {
        return ServiceCatalog.HOST + ":" + kafkaPort();
    }

    /** {@code jdbc:postgresql://127.0.0.1:<pg>/<database>}; user and password are both {@code postgres}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + ServiceCatalog.HOST + ":" + postgresPort() + "/" + database;
    }

    public String databaseUser() {
        return ServiceCatalog.DB_USER;
    }

    public String databasePassword() {
        return ServiceCatalog.DB_PASSWORD;
    }

    public int storageNodes() {
        return config.storageNodes();
    }

    public Path runDir() {
        return config.runDir();
    }

    public Path repoRoot() {
        return config.repoRoot();
    }

    public Path logFile(String name) {
        return ProcessControl.logFile(config.runDir(), name);
    }

    public Path pidFile(String name) {
        return ProcessControl.pidFile(config.runDir(), name);
    }

    /** The jar a service runs: {@code <repo>/<module>/target/<module>.jar}. */
    public Path jar(String name) {
        ServiceSpec spec = spec(name);
        return config.repoRoot().resolve(spec.module()).resolve("target").resolve(spec.module() + ".jar");
    }

    /** The full command line a component is started with (for diagnostics). */
    public List<String> command(String name) {
        requireKnown(name);
        return switch (name) {
            case ServiceCatalog.POSTGRES -> PostgresServer.command(config.runDir(), postgresPort());
            case ServiceCatalog.REDIS -> RedisServer.command(config.runDir(), redisPort());
            case ServiceCatalog.KAFKA -> KafkaServer.launch(config.runDir(), config.repoRoot(), kafkaPort(),
                    config.port(ServiceCatalog.KAFKA_CONTROLLER)).command();
            case ServiceCatalog.PROMETHEUS -> prometheusCommand();
            default -> serviceCommand(name);
        };
    }

    /** Prometheus scraping every service this cluster runs, each under its component name as job. */
    private List<String> prometheusCommand() {
        Map<String, Integer> targets = new LinkedHashMap<>();
        config.components().stream().filter(n -> !ServiceCatalog.isInfrastructure(n))
                .forEach(n -> targets.put(n, config.port(n)));
        return PrometheusServer.command(config.runDir(), config.repoRoot(), config.port(ServiceCatalog.PROMETHEUS),
                targets);
    }

    // ------------------------------------------------------------------ internals

    private List<String> serviceCommand(String name) {
        ServiceSpec spec = spec(name);
        Path jar = jar(name);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + ": " + jar + " does not exist; build it with: mvn -B install -DskipTests");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessControl.javaExecutable());
        command.addAll(config.serviceJvmOptions());
        command.add("-Dlocalcluster.component=" + name);
        ClassDataSharing.Launch launch = config.classDataSharing() ? cds.prepare(name, spec.module(), jar) : null;
        if (launch != null) {
            command.addAll(launch.jvmOptions());
            jar = launch.jar();
        }
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(ServiceCatalog.arguments(spec, config::port));
        Map<String, String> extra = new LinkedHashMap<>();
        for (String scope : List.of(ClusterConfig.ALL_SERVICES, spec.module(), name)) {
            extra.putAll(config.extraProperties().getOrDefault(scope, Map.of()));
        }
        extra.forEach((key, value) -> command.add("--" + key + "=" + value));
        return command;
    }

    private ServiceSpec spec(String name) {
        return ServiceCatalog.services(config.storageNodes()).stream()
                .filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not a service; services: "
                        + ServiceCatalog.services(config.storageNodes()).stream().map(ServiceSpec::name).toList()));
    }

    private void requireKnown(String name) {
        if (!config.allComponents().contains(name)) {
            throw new IllegalArgumentException("unknown component '" + name + "'; components: " + config.allComponents());
        }
    }

    /**
     * Fails when another process holds the port. Waits a little first: right after a kill -9 the kernel
     * may still hold the dead server's sockets for a moment.
     */
    private void requireFree(String name, int port) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String reason;
        while ((reason = TcpProbe.whyNotFree(port)) != null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cannot start " + name + ": port " + port + " is in use by another process"
                        + " (another cluster or a local server?): " + reason);
            }
            log.debug("port {} of {} not free yet: {}", port, name, reason);
            sleep(200);
        }
    }

    /** Sends every stop signal first, then waits for each: parallel shutdown. */
    private void stopAll(Collection<String> names) {
        Map<String, Running> stopping = new LinkedHashMap<>();
        Map<String, List<Long>> trees = new LinkedHashMap<>();
        for (String name : names) {
            Optional<Running> running = ProcessControl.running(pidFile(name));
            if (running.isEmpty()) {
                ProcessControl.deletePidFile(pidFile(name));
                continue;
            }
            long pid = running.get().pid();
            trees.put(name, ProcessControl.processTree(pid));
            ProcessControl.signal(pid, name.equals(ServiceCatalog.POSTGRES) ? "INT" : "TERM");
            stopping.put(name, running.get());
        }
        for (Map.Entry<String, Running> e : stopping.entrySet()) {
            String name = e.getKey();
            long pid = e.getValue().pid();
            Duration timeout = stopTimeout(name);
            if (!ProcessControl.awaitExit(List.of(pid), timeout)) {
                progress.accept(String.format("%-26s did not stop within %d s: SIGKILL", name, timeout.toSeconds()));
                trees.get(name).forEach(p -> ProcessControl.signal(p, "KILL"));
                cds.exitedForcibly(name);
            } else {
                cds.exitedGracefully(name);
            }
            ProcessControl.awaitExit(trees.get(name), Duration.ofSeconds(15));
            ProcessControl.deletePidFile(pidFile(name));
            progress.accept(String.format("%-26s stopped (pid %d)", name, pid));
        }
    }

    private Duration stopTimeout(String name) {
        return switch (name) {
            case ServiceCatalog.POSTGRES, ServiceCatalog.KAFKA -> Duration.ofSeconds(60);
            case ServiceCatalog.REDIS -> Duration.ofSeconds(30);
            // graceful shutdown is 20 s per phase; writing a class-data archive at exit takes a few more
            default -> Duration.ofSeconds(cds.recording(name) ? 90 : 40);
        };
    }

    /** Components with a pid file whose process is alive, whatever the current configuration says. */
    private List<String> runningFromPidFiles() {
        Path pids = config.runDir().resolve("pids");
        Set<String> names = new LinkedHashSet<>(config.allComponents());
        if (Files.isDirectory(pids)) {
            try (Stream<Path> files = Files.list(pids)) {
                files.map(p -> p.getFileName().toString())
                        .filter(f -> f.endsWith(".pid"))
                        .map(f -> f.substring(0, f.length() - ".pid".length()))
                        .sorted()
                        .forEach(names::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names.stream().filter(n -> {
            boolean alive = ProcessControl.running(pidFile(n)).isPresent();
            if (!alive) {
                ProcessControl.deletePidFile(pidFile(n));
            }
            return alive;
        }).toList();
    }

    private void prepareRunDir() {
        try {
            Files.createDirectories(config.runDir().resolve("logs"));
            Files.createDirectories(config.runDir().resolve("pids"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run folder " + config.runDir() + ": " + e.getMessage(), e);
        }
    }

    private void registerShutdownHook() {
        if (!stopOnJvmExit) {
            return;
        }
        synchronized (hookLock) {
            if (shutdownHook == null) {
                shutdownHook = new Thread(() -> {
                    try {
                        down();
                    } catch (RuntimeException e) {
                        log.warn("stopping the local cluster at JVM exit failed: {}", e.getMessage());
                    }
                }, "local-cluster-shutdown");
                Runtime.getRuntime().addShutdownHook(shutdownHook);
            }
        }
    }

    private void removeShutdownHook() {
        synchronized (hookLock) {
            if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException e) {
                    // JVM already shutting down
                }
                shutdownHook = null;
            }
        }
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - upStartedNanos) / 1e9;
    }

    private static String indent(String text) {
        return text.lines().map(l -> "    " + l).reduce((a, b) -> a + System.lineSeparator() + b).orElse("");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // ------------------------------------------------------------------ builder

    /** Configures a cluster. Defaults: the repository found from the working folder, {@code <repo>/run}, the design's ports, 3 nodes, everything. */
    public static final class Builder {

        static final Duration DEFAULT_READY_TIMEOUT = Duration.ofMinutes(4);

        private Path repoRoot;
        private Path runDir;
        private boolean freePorts;
        private final Map<String, Integer> portOverrides = new LinkedHashMap<>();
        private int storageNodes = 3;
        private int coordinators = 1;
        private Set<String> services;
        private Set<String> infrastructure;
        private final Map<String, Map<String, String>> extraProperties = new LinkedHashMap<>();
        private List<String> serviceJvmOptions = ServiceCatalog.DEFAULT_SERVICE_JVM_OPTIONS;
        private Duration readyTimeout = DEFAULT_READY_TIMEOUT;
        private Consumer<String> progress = log::info;
        private boolean stopOnJvmExit = true;
        private boolean classDataSharing;

        private Builder() {
        }

        /** The repository whose {@code <module>/target/<module>.jar} files are run. */
        public Builder repoRoot(Path repoRoot) {
            this.repoRoot = repoRoot;
            return this;
        }

        /** Where data, logs and pids live (default {@code <repo>/run}). */
        public Builder runDir(Path runDir) {
            this.runDir = runDir;
            return this;
        }

        /** Random free ports in [20000, 32000) instead of the design's: never collides with a running demo. */
        public Builder freePorts() {
            this.freePorts = true;
            return this;
        }

        /** A fixed port for one component (or {@code kafka-controller}). */
        public Builder port(String name, int port) {
            portOverrides.put(name, port);
            return this;
        }

        /** 1 (default) or 2: whether {@code storage-coordinator-2} runs too. */
        public Builder coordinators(int coordinators) {
            if (coordinators < 1 || coordinators > 2) {
                throw new IllegalArgumentException("coordinators must be 1 or 2, was " + coordinators);
            }
            this.coordinators = coordinators;
            return this;
        }

        public Builder storageNodes(int storageNodes) {
            if (storageNodes < 1) {
                throw new IllegalArgumentException("storageNodes must be at least 1");
            }
            this.storageNodes = storageNodes;
            return this;
        }

        /**
         * The services to run (default all): component names ({@code storage-node-2}) or module names
         * ({@code storage-node} = every node). An empty set runs the infrastructure only.
         */
        public Builder services(Set<String> services) {
            this.services = new LinkedHashSet<>(services);
            return this;
        }

        /** The infrastructure to run (default postgres, redis, kafka). */
        public Builder infrastructure(Set<String> infrastructure) {
            this.infrastructure = new LinkedHashSet<>(infrastructure);
            return this;
        }

        /** An extra {@code --key=value} for every service. */
        public Builder serviceProperty(String key, String value) {
            return serviceProperty(ClusterConfig.ALL_SERVICES, key, value);
        }

        /** An extra {@code --key=value} for one service (component name) or module ({@code storage-node}). */
        public Builder serviceProperty(String service, String key, String value) {
            extraProperties.computeIfAbsent(service, k -> new LinkedHashMap<>()).put(key, value);
            return this;
        }

        /** Replaces the services' JVM options (default -Xms384m -Xmx768m -Xmn256m -XX:+UseSerialGC …). */
        public Builder serviceJvmOptions(List<String> options) {
            this.serviceJvmOptions = List.copyOf(options);
            return this;
        }

        public Builder readyTimeout(Duration readyTimeout) {
            this.readyTimeout = Objects.requireNonNull(readyTimeout);
            return this;
        }

        /** Receives a line per step (started, ready, stopped …); default: INFO log. */
        public Builder progress(Consumer<String> progress) {
            this.progress = Objects.requireNonNull(progress);
            return this;
        }

        /**
         * Start services from their extracted jars with an AppCDS archive recorded by their first run
         * (written when they stop gracefully). Faster from the second {@code up} on; default off (the CLI
         * turns it on): a fresh temporary cluster gains nothing.
         */
        public Builder classDataSharing(boolean classDataSharing) {
            this.classDataSharing = classDataSharing;
            return this;
        }

        /** Run {@link #down()} when this JVM exits (default true: a crashed test leaves nothing behind). */
        public Builder stopOnJvmExit(boolean stopOnJvmExit) {
            this.stopOnJvmExit = stopOnJvmExit;
            return this;
        }

        public LocalCluster build() {
            Path repo = (repoRoot != null ? repoRoot : RepoLocator.find()).toAbsolutePath().normalize();
            Path run = (runDir != null ? runDir : repo.resolve("run")).toAbsolutePath().normalize();

            Set<String> enabled = new LinkedHashSet<>();
            Set<String> infra = infrastructure == null ? new LinkedHashSet<>(ServiceCatalog.INFRASTRUCTURE)
                    : ServiceCatalog.expand(infrastructure, storageNodes);
            for (String name : infra) {
                if (!ServiceCatalog.isInfrastructure(name)) {
                    throw new IllegalArgumentException("'" + name + "' is not infrastructure: " + ServiceCatalog.INFRASTRUCTURE
                            + " " + ServiceCatalog.OPTIONAL_INFRASTRUCTURE);
                }
            }
            enabled.addAll(infra);
            List<String> allServices = ServiceCatalog.services(storageNodes).stream().map(ServiceSpec::name).toList();
            Set<String> chosen = new LinkedHashSet<>(services == null
                    ? allServices.stream().filter(n -> !ServiceCatalog.OPTIONAL_SERVICES.contains(n)).toList()
                    : ServiceCatalog.expand(services, storageNodes));
            if (coordinators > 1) {
                chosen.add(ServiceCatalog.STORAGE_COORDINATOR_2);
            }
            for (String name : chosen) {
                if (!allServices.contains(name)) {
                    throw new IllegalArgumentException("unknown service '" + name + "'; services: " + allServices
                            + " (or 'storage-node' for every node)");
                }
            }
            enabled.addAll(chosen);

            Map<String, Integer> ports;
            List<String> portNames = new ArrayList<>(ServiceCatalog.defaultPorts(storageNodes).keySet());
            if (freePorts) {
                ports = PortAllocator.allocate(portNames);
            } else {
                ports = new LinkedHashMap<>(ServiceCatalog.defaultPorts(storageNodes));
            }
            portOverrides.forEach((name, port) -> {
                if (!ports.containsKey(name)) {
                    throw new IllegalArgumentException("unknown component '" + name + "' in port(...); known: " + portNames);
                }
                ports.put(name, port);
            });
            ClusterConfig config = new ClusterConfig(repo, run, storageNodes, ports, enabled, extraProperties, serviceJvmOptions,
                    classDataSharing);
            return new LocalCluster(config, progress, readyTimeout, stopOnJvmExit);
        }
    }
}
