package com.logprocessor.it.deploy;

import java.util.List;
import java.util.Map;

/** The design's topology (DESIGN.md, "Topology and ports"): what the deployment files must agree with. */
final class Design {

    /**
     * A service container: its compose name, the Maven module whose jar it runs, its port and, for
     * services with state in PostgreSQL, its database.
     */
    record Service(String name, String module, int port, String database) {
        boolean hasDatabase() {
            return database != null;
        }
    }

    static final List<Service> SERVICES = List.of(
            new Service("api-gateway", "api-gateway", 8080, null),
            new Service("storage-coordinator", "storage-coordinator", 8081, null),
            new Service("storage-node-1", "storage-node", 8082, "storage_node_1"),
            new Service("storage-node-2", "storage-node", 8083, "storage_node_2"),
            new Service("storage-node-3", "storage-node", 8084, "storage_node_3"),
            new Service("merkle-tree-service", "merkle-tree-service", 8085, null),
            new Service("anti-entropy-coordinator", "anti-entropy-coordinator", 8086, "repairs"),
            new Service("read-repair-service", "read-repair-service", 8087, null),
            new Service("hint-manager", "hint-manager", 8088, "hints"));

    /** Infrastructure and monitoring containers and the port each publishes on the host. */
    static final Map<String, Integer> INFRASTRUCTURE = Map.of(
            "postgres", 5432,
            "redis", 6379,
            "kafka", 9092,
            "prometheus", 9090,
            "grafana", 3000);

    static final List<String> DATABASES = List.of("storage_node_1", "storage_node_2", "storage_node_3", "hints", "repairs");

    private Design() {
    }

    static Service service(String name) {
        return SERVICES.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("not a service of the design: " + name));
    }

    static boolean isService(String name) {
        return SERVICES.stream().anyMatch(s -> s.name().equals(name));
    }
}
