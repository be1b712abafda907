package com.logprocessor.localcluster;

import com.logprocessor.localcluster.LocalCluster.ComponentStatus;
import com.logprocessor.localcluster.LocalCluster.State;
import com.logprocessor.localcluster.infra.KafkaServer;
import com.logprocessor.localcluster.infra.PrometheusServer;
import com.logprocessor.localcluster.kafka.KafkaBrokerMain;
import com.logprocessor.localcluster.process.ProcessControl;
import com.logprocessor.localcluster.security.ClusterSecrets;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar local-cluster/target/local-cluster.jar <command>}: runs the whole system locally.
 * See {@link #usage()}.
 */
public final class LocalClusterCli {

    private final PrintStream out;
    private Path runDir;
    private Path repoRoot;
    private Integer nodes;
    private Integer coordinators;
    private Duration timeout = LocalCluster.Builder.DEFAULT_READY_TIMEOUT;
    private int tailLines = 100;
    private boolean follow;
    private boolean classDataSharing = true;
    private java.util.Set<String> services;

    LocalClusterCli(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(KafkaServer.SUBCOMMAND)) {
            KafkaBrokerMain.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "local-cluster-cli-logback.xml");
        }
        int exit;
        try {
            exit = new LocalClusterCli(System.out).run(args);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.out.flush();
            System.err.println();
            System.err.println("local-cluster: " + e.getMessage());
            exit = 1;
        }
        System.exit(exit);
    }

    static String usage() {
        return String.join(System.lineSeparator(),
                "Usage: java -jar local-cluster/target/local-cluster.jar <command> [options]",
                "",
                "Commands:",
                "  up [--nodes N] [--coordinators 2]   start PostgreSQL, Redis, Kafka and every built service; wait until ready",
                "  down               stop the services, then the infrastructure (data is kept)",
                "  status             show every component, its state, pid and address",
                "  stop <name>        graceful stop (SIGTERM; fast shutdown for postgres)",
                "  kill <name>        SIGKILL (kill -9), like a crash",
                "  start <name>       start one component and wait until it is ready",
                "  restart <name>     stop, start, wait until ready",
                "  logs <name> [-n N] [-f]   print the end of a component's log (-f: follow)",
                "  clean              down, then delete the run folder (all data)",
                "  keys               generate this cluster's API keys and internal token if it has none (run/security),",
                "                     and say where they are (up does it too)",
                "",
                "Options:",
                "  --run-dir DIR      run folder (default <repo>/run): data, logs/, pids/, cluster.properties",
                "  --repo-root DIR    repository whose <module>/target/<module>.jar are run (default: found)",
                "  --nodes N          number of storage nodes (default 3; ports 8082, 8083, 8084, 8089, 8090 …)",
                "  --coordinators N   1 (default) or 2: also run storage-coordinator-2 (port 8181) in the same consumer",
                "                     group; the ingest partitions are shared and a dead coordinator's move to the other",
                "  --timeout SECONDS  readiness timeout per component (default 240)",
                "  --services LIST    up: run only these services (comma-separated names; storage-node = every node;",
                "                     none = infrastructure only), e.g. to run one service from an IDE",
                "  --no-cds           do not use class-data-sharing archives (by default a service's first run records",
                "                     one, written at 'down', and later runs start faster from it)",
                "",
                "Names: postgres, redis, kafka, api-gateway, storage-coordinator, storage-coordinator-2, storage-node-1 … N,",
                "       merkle-tree-service, anti-entropy-coordinator, read-repair-service, hint-manager");
    }

    private static int coordinatorCount(String value) {
        if (!value.equals("1") && !value.equals("2")) {
            throw new IllegalArgumentException("--coordinators takes 1 or 2, not '" + value + "'");
        }
        return Integer.parseInt(value);
    }

    int run(String[] args) throws IOException, InterruptedException {
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--run-dir" -> runDir = Path.of(value(args, ++i, a)).toAbsolutePath().normalize();
                case "--repo-root" -> repoRoot = Path.of(value(args, ++i, a)).toAbsolutePath().normalize();
                case "--nodes" -> nodes = positiveInt(value(args, ++i, a), a);
                case "--coordinators" -> coordinators = coordinatorCount(value(args, ++i, a));
                case "--timeout" -> timeout = Duration.ofSeconds(positiveInt(value(args, ++i, a), a));
                case "-n", "--lines" -> tailLines = positiveInt(value(args, ++i, a), a);
                case "-f", "--follow" -> follow = true;
                case "--no-cds" -> classDataSharing = false;
                case "--services" -> services = serviceList(value(args, ++i, a));
                case "-h", "--help", "help" -> {
                    out.println(usage());
                    return 0;
                }
                default -> {
                    if (a.startsWith("--run-dir=")) {
                        runDir = Path.of(a.substring("--run-dir=".length())).toAbsolutePath().normalize();
                    } else if (a.startsWith("--coordinators=")) {
                        coordinators = coordinatorCount(a.substring("--coordinators=".length()));
                    } else if (a.startsWith("--nodes=")) {
                        nodes = positiveInt(a.substring("--nodes=".length()), "--nodes");
                    } else if (a.startsWith("--repo-root=")) {
                        repoRoot = Path.of(a.substring("--repo-root=".length())).toAbsolutePath().normalize();
                    } else if (a.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + a + System.lineSeparator() + usage());
                    } else {
                        positional.add(a);
                    }
                }
            }
        }
        if (positional.isEmpty()) {
            out.println(usage());
            return 2;
        }
        if (repoRoot == null) {
            repoRoot = RepoLocator.find();
        }
        if (runDir == null) {
            runDir = repoRoot.resolve("run");
        }
        String command = positional.get(0);
        String name = positional.size() > 1 ? positional.get(1) : null;
        return switch (command) {
            case "up" -> withLock(this::up);
            case "down" -> withLock(this::down);
            case "status" -> status();
            case "stop" -> withLock(() -> {
                existing().stop(required(name, command));
                return 0;
            });
            case "kill" -> withLock(() -> {
                existing().kill(required(name, command));
                return 0;
            });
            case "start" -> withLock(() -> {
                LocalCluster cluster = existing();
                String n = required(name, command);
                long t0 = System.nanoTime();
                cluster.start(n);
                cluster.awaitReady(n, timeout);
                out.printf("%-26s ready after %.1f s   %s%n", n, (System.nanoTime() - t0) / 1e9, cluster.address(n));
                return 0;
            });
            case "restart" -> withLock(() -> {
                LocalCluster cluster = existing();
                String n = required(name, command);
                long t0 = System.nanoTime();
                cluster.stop(n);
                cluster.start(n);
                cluster.awaitReady(n, timeout);
                out.printf("%-26s ready after %.1f s   %s%n", n, (System.nanoTime() - t0) / 1e9, cluster.address(n));
                return 0;
            });
            case "logs" -> logs(required(name, command));
            case "clean" -> withLock(this::clean);
            case "keys" -> keys();
            default -> throw new IllegalArgumentException("unknown command '" + command + "'" + System.lineSeparator() + usage());
        };
    }

    /** Generates the cluster's credentials if it has none yet, and says where they are and how to use them. */
    private int keys() {
        ClusterSecrets.ensure(runDir, out::println);
        Path file = ClusterSecrets.keysFile(runDir);
        out.println("API keys: " + file + " (mode 600)");
        out.println("  roles: " + ClusterSecrets.KEY_ROLES.stream().map(r -> ClusterSecrets.variable(r) + " (" + r.label() + ")")
                .collect(java.util.stream.Collectors.joining(", ")) + ", LOGSTORE_INTERNAL_TOKEN (between services)");
        out.println("  services read the token and the keys' hashes from " + ClusterSecrets.servicesFile(runDir)
                + " (also Compose's env_file)");
        out.println("  use:  source " + file + "; curl -H \"X-API-Key: $LOGSTORE_INGEST_KEY\" ...");
        return 0;
    }

    private int up() {
        LocalCluster cluster;
        if (ClusterConfig.exists(runDir)) {
            LocalCluster previous = LocalCluster.attach(runDir, out::println);
            ClusterConfig config = previous.config();
            if (nodes != null && nodes != config.storageNodes()) {
                for (int i = nodes + 1; i <= config.storageNodes(); i++) {
                    previous.stop(ServiceCatalog.storageNode(i));
                }
                config = config.withStorageNodes(nodes);
            }
            java.util.Set<String> enabled = config.enabled();
            if (services != null) {
                enabled = new java.util.LinkedHashSet<>(ServiceCatalog.INFRASTRUCTURE);
                enabled.addAll(ServiceCatalog.expand(services, config.storageNodes()));
                for (String name : enabled) {
                    if (!config.allComponents().contains(name)) {
                        throw new IllegalArgumentException("unknown service '" + name + "'; components: " + config.allComponents());
                    }
                }
                for (String name : config.components()) {
                    if (!enabled.contains(name) && previous.isRunning(name)) {
                        previous.stop(name);
                    }
                }
            }
            enabled = withPrometheusIfInstalled(enabled);
            if (coordinators != null) {
                enabled = new java.util.LinkedHashSet<>(enabled);
                if (coordinators > 1) {
                    enabled.add(ServiceCatalog.STORAGE_COORDINATOR_2);
                } else if (enabled.remove(ServiceCatalog.STORAGE_COORDINATOR_2)) {
                    previous.stop(ServiceCatalog.STORAGE_COORDINATOR_2);
                }
            }
            config = new ClusterConfig(repoRoot, config.runDir(), config.storageNodes(), config.ports(), enabled,
                    config.extraProperties(), config.serviceJvmOptions(), classDataSharing);
            cluster = new LocalCluster(config, out::println, timeout, false);
            if (cluster.isUp()) {
                out.println("Already up.");
                printTable(cluster);
                return 0;
            }
        } else {
            LocalCluster.Builder builder = LocalCluster.builder();
            if (services != null) {
                builder.services(services);
            }
            cluster = builder
                    .repoRoot(repoRoot)
                    .runDir(runDir)
                    .storageNodes(nodes == null ? 3 : nodes)
                    .coordinators(coordinators == null ? 1 : coordinators)
                    .readyTimeout(timeout)
                    .progress(out::println)
                    .stopOnJvmExit(false)
                    .classDataSharing(classDataSharing)
                    .infrastructure(withPrometheusIfInstalled(new java.util.LinkedHashSet<>(ServiceCatalog.INFRASTRUCTURE)))
                    .build();
        }
        try {
            cluster.up();
        } catch (IllegalStateException e) {
            out.println();
            printTable(cluster);
            throw new IllegalStateException(e.getMessage() + System.lineSeparator()
                    + "The components that started are still running: 'status' shows them, 'down' stops them.", e);
        }
        out.println();
        printTable(cluster);
        return 0;
    }

    /**
     * Prometheus runs with the cluster where its binary is installed ({@code ./setup.sh} installs
     * Debian's package where it can), and is left out, saying so, where it is not.
     */
    private java.util.Set<String> withPrometheusIfInstalled(java.util.Set<String> enabled) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>(enabled);
        java.util.Optional<java.nio.file.Path> binary = PrometheusServer.binary();
        if (binary.isPresent()) {
            out.add(ServiceCatalog.PROMETHEUS);
            this.out.println("Prometheus: " + binary.get() + " (alerts and scrape jobs as in monitoring/prometheus)");
        } else {
            out.remove(ServiceCatalog.PROMETHEUS);
            this.out.println("Prometheus: not installed, skipped (apt-get install prometheus, or set PROMETHEUS_BIN)");
        }
        return out;
    }

    private int down() {
        if (!ClusterConfig.exists(runDir)) {
            out.println("No cluster in " + runDir + ".");
            return 0;
        }
        long t0 = System.nanoTime();
        existing().down();
        out.printf("Down in %.1f s (data kept in %s).%n", (System.nanoTime() - t0) / 1e9, runDir);
        return 0;
    }

    private int clean() throws IOException {
        if (ClusterConfig.exists(runDir)) {
            existing().down();
        }
        if (Files.isDirectory(runDir)) {
            try (var walk = Files.walk(runDir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    // The folder itself and its lock stay: this command holds the lock.
                    if (!p.equals(runDir) && !p.getFileName().toString().equals(".lock")) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
        out.println("Deleted " + runDir + ".");
        return 0;
    }

    private int status() {
        if (!ClusterConfig.exists(runDir)) {
            out.println("No cluster in " + runDir + " (start one with: up).");
            return 0;
        }
        printTable(existing());
        return 0;
    }

    private int logs(String name) throws IOException, InterruptedException {
        LocalCluster cluster = existing();
        cluster.names(); // validates the run folder
        Path file = cluster.logFile(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no log for '" + name + "' (" + file + ")");
        }
        out.println(ProcessControl.tail(file, tailLines));
        if (!follow) {
            return 0;
        }
        long position = Files.size(file);
        while (true) {
            long size = Files.size(file);
            if (size < position) {
                position = 0; // truncated
            }
            if (size > position) {
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                    raf.seek(position);
                    byte[] bytes = new byte[(int) Math.min(size - position, 1 << 20)];
                    raf.readFully(bytes);
                    position += bytes.length;
                    out.print(new String(bytes, StandardCharsets.UTF_8));
                    out.flush();
                }
            }
            Thread.sleep(300);
        }
    }

    private void printTable(LocalCluster cluster) {
        List<ComponentStatus> rows = cluster.status();
        out.printf("%-26s %-10s %-8s %s%n", "COMPONENT", "STATE", "PID", "ADDRESS");
        for (ComponentStatus row : rows) {
            String address = row.address();
            if (row.name().equals(ServiceCatalog.POSTGRES)) {
                address += "   (user postgres, password postgres; " + ServiceCatalog.databases(cluster.storageNodes()).size() + " databases)";
            }
            if (row.state() == State.NOT_BUILT) {
                address = "(" + repoRoot.relativize(cluster.jar(row.name())) + " not built)";
            }
            out.printf("%-26s %-10s %-8s %s%n", row.name(), row.state().name().toLowerCase().replace('_', ' '),
                    row.pid().isPresent() ? Long.toString(row.pid().getAsLong()) : "-", address);
        }
        if (rows.stream().noneMatch(r -> r.name().equals(ServiceCatalog.PROMETHEUS))) {
            out.printf("%-26s %-10s %-8s %s%n", "prometheus", "-", "-",
                    "not installed (apt-get install prometheus; ./setup.sh does where it can)");
        }
        out.printf("%-26s %-10s %-8s %s%n", "grafana", "-", "-", "runs only under Docker Compose (./setup.sh with a Docker engine)");
        out.println("Logs: " + cluster.runDir().resolve("logs") + "/<name>.log    Stop: ./setup.sh down");
    }

    private LocalCluster existing() {
        if (!ClusterConfig.exists(runDir)) {
            throw new IllegalStateException("no cluster in " + runDir + " (start one with: up)");
        }
        ClusterConfig config = ClusterConfig.load(runDir);
        return new LocalCluster(config, out::println, timeout, false);
    }

    private interface Action {
        int run() throws IOException, InterruptedException;
    }

    /** One mutating command at a time per run folder. */
    private int withLock(Action action) throws IOException, InterruptedException {
        Files.createDirectories(runDir);
        try (FileChannel channel = FileChannel.open(runDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                out.println("Waiting for another local-cluster command on " + runDir + " …");
                lock = channel.lock();
            }
            try {
                return action.run();
            } finally {
                lock.release();
            }
        }
    }

    private static java.util.Set<String> serviceList(String list) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (String name : list.split(",")) {
            if (!name.isBlank() && !name.trim().equals("none")) {
                names.add(name.trim());
            }
        }
        return names;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positiveInt(String value, String option) {
        try {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a positive number, not '" + value + "'");
        }
    }

    private static String required(String name, String command) {
        if (name == null) {
            throw new IllegalArgumentException(command + " needs a component name" + System.lineSeparator() + usage());
        }
        return name;
    }
}
