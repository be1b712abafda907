package com.logprocessor.localcluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.stream.Stream;

/**
 * The one place that says which components exist, their default ports (the design's) and the
 * command-line arguments each service gets. Services read standard Spring properties, so every
 * connection setting is passed as {@code --key=value}; properties a service does not know are harmless.
 */
public final class ServiceCatalog {

    public static final String POSTGRES = "postgres";
    public static final String REDIS = "redis";
    public static final String KAFKA = "kafka";
    /**
     * Prometheus, infrastructure that runs only where its binary is installed ({@code up} enables it
     * then): scrapes every service and evaluates the alerts of {@code monitoring/prometheus}.
     */
    public static final String PROMETHEUS = "prometheus";
    /** Not a component: the second port the Kafka controller listens on. */
    public static final String KAFKA_CONTROLLER = "kafka-controller";

    public static final String API_GATEWAY = "api-gateway";
    public static final String STORAGE_COORDINATOR = "storage-coordinator";
    /**
     * A second coordinator in the same consumer group (off unless asked for: {@code up --coordinators 2}):
     * the ingest partitions are shared, and a dead one's move to the other.
     */
    public static final String STORAGE_COORDINATOR_2 = "storage-coordinator-2";
    public static final int STORAGE_COORDINATOR_2_PORT = 8181;
    public static final String STORAGE_NODE = "storage-node";
    public static final String MERKLE_TREE_SERVICE = "merkle-tree-service";
    public static final String ANTI_ENTROPY_COORDINATOR = "anti-entropy-coordinator";
    public static final String READ_REPAIR_SERVICE = "read-repair-service";
    public static final String HINT_MANAGER = "hint-manager";
    /**
     * Second instances of the anti-entropy coordinator and the hint-manager (off unless started by
     * name): they share the first ones' databases and queues, as several instances do in production.
     * The integration tests use them to kill an instance mid-job and to run with other settings.
     */
    public static final String ANTI_ENTROPY_COORDINATOR_2 = "anti-entropy-coordinator-2";
    public static final int ANTI_ENTROPY_COORDINATOR_2_PORT = 8186;
    public static final String HINT_MANAGER_2 = "hint-manager-2";
    public static final int HINT_MANAGER_2_PORT = 8188;

    public static final String HOST = "127.0.0.1";
    public static final String DB_USER = "postgres";
    public static final String DB_PASSWORD = "postgres";
    public static final String HINTS_DATABASE = "hints";
    public static final String REPAIRS_DATABASE = "repairs";

    /** Infrastructure, in start order. */
    public static final List<String> INFRASTRUCTURE = List.of(POSTGRES, REDIS, KAFKA);
    /** Infrastructure that runs only when enabled ({@link #PROMETHEUS}). */
    public static final List<String> OPTIONAL_INFRASTRUCTURE = List.of(PROMETHEUS);

    /** Services that are known (ports, start/stop by name) but run only when asked for. */
    public static final Set<String> OPTIONAL_SERVICES = Set.of(STORAGE_COORDINATOR_2, ANTI_ENTROPY_COORDINATOR_2,
            HINT_MANAGER_2);

    /**
     * JVM options of every service: the serial collector (one GC thread: 2 cores, ~10 JVMs) with a
     * young generation large enough that a batch in flight (thousands of entries, held across the
     * replica round trip) dies young instead of being copied and promoted. With a 64 MB start heap
     * the busy services spent 5-7% of their time in GC, the coordinator with repeated full GCs.
     *
     * <p>The common pool's parallelism is set because with fewer than 3 CPUs the JDK sizes it at 1,
     * and then {@code CompletableFuture}'s default executor is a new thread per task: the JDK
     * HttpClient completes every {@code sendAsync} on it, so each storage-node call started and
     * ended a thread (measured: 6,500 threads in 25 s of reads, a third of the coordinator's CPU).
     */
    public static final List<String> DEFAULT_SERVICE_JVM_OPTIONS = List.of(
            "-Xms384m", "-Xmx768m", "-Xmn256m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
            "-Djava.util.concurrent.ForkJoinPool.common.parallelism=4");

    /**
     * JVM options of services in a test cluster: the defaults, C1 only. Test clusters start many
     * JVMs at once on two cores and run each for minutes, so C2 compiling start-up code that runs
     * once costs more than it gives (integration-test cluster start: 115 s became 72 s).
     */
    public static final List<String> TEST_SERVICE_JVM_OPTIONS = Stream.concat(
            DEFAULT_SERVICE_JVM_OPTIONS.stream(), Stream.of("-XX:TieredStopAtLevel=1")).toList();

    /** A service: its component name, the Maven module whose jar it runs, its default port. */
    public record ServiceSpec(String name, String module, int defaultPort) {
    }

    private ServiceCatalog() {
    }

    public static String storageNode(int index) {
        return STORAGE_NODE + "-" + index;
    }

    public static String storageNodeDatabase(int index) {
        return "storage_node_" + index;
    }

    /** Design ports: 8082-8084 for the first three nodes, then 8089, 8090, … (8085-8088 are taken). */
    public static int defaultStorageNodePort(int index) {
        return index <= 3 ? 8081 + index : 8089 + (index - 4);
    }

    /** Every service, in the order the design lists them (the status table's order). */
    public static List<ServiceSpec> services(int storageNodes) {
        List<ServiceSpec> specs = new ArrayList<>();
        specs.add(new ServiceSpec(API_GATEWAY, API_GATEWAY, 8080));
        specs.add(new ServiceSpec(STORAGE_COORDINATOR, STORAGE_COORDINATOR, 8081));
        specs.add(new ServiceSpec(STORAGE_COORDINATOR_2, STORAGE_COORDINATOR, STORAGE_COORDINATOR_2_PORT));
        for (int i = 1; i <= storageNodes; i++) {
            specs.add(new ServiceSpec(storageNode(i), STORAGE_NODE, defaultStorageNodePort(i)));
        }
        specs.add(new ServiceSpec(MERKLE_TREE_SERVICE, MERKLE_TREE_SERVICE, 8085));
        specs.add(new ServiceSpec(ANTI_ENTROPY_COORDINATOR, ANTI_ENTROPY_COORDINATOR, 8086));
        specs.add(new ServiceSpec(ANTI_ENTROPY_COORDINATOR_2, ANTI_ENTROPY_COORDINATOR, ANTI_ENTROPY_COORDINATOR_2_PORT));
        specs.add(new ServiceSpec(READ_REPAIR_SERVICE, READ_REPAIR_SERVICE, 8087));
        specs.add(new ServiceSpec(HINT_MANAGER, HINT_MANAGER, 8088));
        specs.add(new ServiceSpec(HINT_MANAGER_2, HINT_MANAGER, HINT_MANAGER_2_PORT));
        return specs;
    }

    /** The design's ports for every component (and the Kafka controller). */
    public static Map<String, Integer> defaultPorts(int storageNodes) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(POSTGRES, 5432);
        ports.put(REDIS, 6379);
        ports.put(KAFKA, 9092);
        ports.put(KAFKA_CONTROLLER, 9093);
        ports.put(PROMETHEUS, 9090);
        for (ServiceSpec spec : services(storageNodes)) {
            ports.put(spec.name(), spec.defaultPort());
        }
        return ports;
    }

    /** The databases PostgreSQL must have: one per storage node, hints, repairs. */
    public static List<String> databases(int storageNodes) {
        List<String> databases = new ArrayList<>();
        for (int i = 1; i <= storageNodes; i++) {
            databases.add(storageNodeDatabase(i));
        }
        databases.add(HINTS_DATABASE);
        databases.add(REPAIRS_DATABASE);
        return databases;
    }

    /** Where a service learns the other components' addresses. */
    public interface Endpoints {
        int port(String component);

        default String url(String component) {
            return "http://" + HOST + ":" + port(component);
        }

        default String jdbcUrl(String database) {
            return "jdbc:postgresql://" + HOST + ":" + port(POSTGRES) + "/" + database;
        }
    }

    /** The command-line arguments (Spring properties) of one service. Extend here. */
    public static List<String> arguments(ServiceSpec spec, Endpoints endpoints) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("server.port", Integer.toString(endpoints.port(spec.name())));
        p.put("server.address", HOST);
        p.put("spring.data.redis.host", HOST);
        p.put("spring.data.redis.port", Integer.toString(endpoints.port(REDIS)));
        p.put("spring.kafka.bootstrap-servers", HOST + ":" + endpoints.port(KAFKA));
        // Where the other services are (harmless for a service that does not call them).
        p.put("coordinator.url", endpoints.url(STORAGE_COORDINATOR));
        p.put("hints.url", endpoints.url(HINT_MANAGER));
        p.put("read-repair.url", endpoints.url(READ_REPAIR_SERVICE));
        p.put("merkle.url", endpoints.url(MERKLE_TREE_SERVICE));
        p.put("anti-entropy.url", endpoints.url(ANTI_ENTROPY_COORDINATOR));

        if (spec.module().equals(STORAGE_NODE)) {
            int index = Integer.parseInt(spec.name().substring(STORAGE_NODE.length() + 1));
            p.put("storage.node.id", spec.name());
            p.put("storage.node.advertised-url", endpoints.url(spec.name()));
            datasource(p, endpoints, storageNodeDatabase(index));
        } else if (spec.module().equals(HINT_MANAGER)) {
            datasource(p, endpoints, HINTS_DATABASE);
        } else if (spec.module().equals(ANTI_ENTROPY_COORDINATOR)) {
            datasource(p, endpoints, REPAIRS_DATABASE);
        }

        List<String> args = new ArrayList<>();
        p.forEach((key, value) -> args.add("--" + key + "=" + value));
        return args;
    }

    private static void datasource(Map<String, String> p, Endpoints endpoints, String database) {
        p.put("spring.datasource.url", endpoints.jdbcUrl(database));
        p.put("spring.datasource.username", DB_USER);
        p.put("spring.datasource.password", DB_PASSWORD);
    }

    /** True for postgres, redis, kafka and prometheus. */
    public static boolean isInfrastructure(String name) {
        return INFRASTRUCTURE.contains(name) || OPTIONAL_INFRASTRUCTURE.contains(name);
    }

    /** Expands group names: "storage-node" means every storage node; "infrastructure" the three servers. */
    static Set<String> expand(Set<String> names, int storageNodes) {
        Set<String> expanded = new java.util.LinkedHashSet<>();
        for (String name : names) {
            if (name.equals(STORAGE_NODE)) {
                for (int i = 1; i <= storageNodes; i++) {
                    expanded.add(storageNode(i));
                }
            } else if (name.equals("infrastructure") || name.equals("infra")) {
                expanded.addAll(INFRASTRUCTURE);
            } else {
                expanded.add(name);
            }
        }
        return expanded;
    }
}
