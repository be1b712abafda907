package com.logprocessor.localcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceCatalogTest {

    private final ServiceCatalog.Endpoints designPorts = name -> ServiceCatalog.defaultPorts(3).get(name);

    @Test
    void designPortsAreTheDefaults() {
        Map<String, Integer> ports = ServiceCatalog.defaultPorts(5);
        assertThat(ports).containsEntry("postgres", 5432).containsEntry("redis", 6379).containsEntry("kafka", 9092)
                .containsEntry("api-gateway", 8080).containsEntry("storage-coordinator", 8081)
                .containsEntry("storage-node-1", 8082).containsEntry("storage-node-2", 8083).containsEntry("storage-node-3", 8084)
                .containsEntry("merkle-tree-service", 8085).containsEntry("anti-entropy-coordinator", 8086)
                .containsEntry("read-repair-service", 8087).containsEntry("hint-manager", 8088)
                .containsEntry("storage-node-4", 8089).containsEntry("storage-node-5", 8090)
                .containsEntry("storage-coordinator-2", 8181).containsEntry("anti-entropy-coordinator-2", 8186)
                .containsEntry("hint-manager-2", 8188);
        assertThat(ports.values()).doesNotHaveDuplicates();
    }

    @Test
    void aSecondCoordinatorRunsTheCoordinatorJarOnlyWhenAskedFor(@TempDir Path run) {
        ServiceCatalog.ServiceSpec second = spec("storage-coordinator-2");
        assertThat(second.module()).isEqualTo("storage-coordinator");
        assertThat(ServiceCatalog.arguments(second, designPorts)).contains("--server.port=8181");
        LocalCluster one = LocalCluster.builder().repoRoot(run).runDir(run.resolve("a")).freePorts().build();
        assertThat(one.names()).contains("storage-coordinator", "anti-entropy-coordinator", "hint-manager")
                .doesNotContain("storage-coordinator-2", "anti-entropy-coordinator-2", "hint-manager-2");
        LocalCluster two = LocalCluster.builder().repoRoot(run).runDir(run.resolve("b")).freePorts().coordinators(2).build();
        assertThat(two.names()).contains("storage-coordinator", "storage-coordinator-2");
        assertThat(two.port("storage-coordinator-2")).isNotEqualTo(two.port("storage-coordinator"));
        assertThatThrownBy(() -> LocalCluster.builder().coordinators(3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storageNodeGetsItsIdentityAndItsOwnDatabase() {
        ServiceCatalog.ServiceSpec node2 = spec("storage-node-2");
        assertThat(node2.module()).isEqualTo("storage-node");
        assertThat(ServiceCatalog.arguments(node2, designPorts)).contains(
                "--server.port=8083",
                "--server.address=127.0.0.1",
                "--storage.node.id=storage-node-2",
                "--storage.node.advertised-url=http://127.0.0.1:8083",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/storage_node_2",
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=6379",
                "--spring.kafka.bootstrap-servers=127.0.0.1:9092");
    }

    @Test
    void hintManagerAndAntiEntropyHaveTheirDatabasesAndTheGatewayFindsTheCoordinator() {
        assertThat(ServiceCatalog.arguments(spec("hint-manager"), designPorts))
                .contains("--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/hints");
        assertThat(ServiceCatalog.arguments(spec("anti-entropy-coordinator"), designPorts))
                .contains("--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/repairs");
        // Second instances share the first ones' databases (and so their queues).
        assertThat(ServiceCatalog.arguments(spec("hint-manager-2"), designPorts))
                .contains("--server.port=8188", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/hints");
        assertThat(ServiceCatalog.arguments(spec("anti-entropy-coordinator-2"), designPorts))
                .contains("--server.port=8186", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/repairs");
        assertThat(ServiceCatalog.arguments(spec("api-gateway"), designPorts))
                .contains("--coordinator.url=http://127.0.0.1:8081", "--hints.url=http://127.0.0.1:8088",
                        "--read-repair.url=http://127.0.0.1:8087", "--merkle.url=http://127.0.0.1:8085")
                .noneMatch(a -> a.startsWith("--spring.datasource"));
    }

    @Test
    void databasesAreOnePerNodePlusHintsAndRepairs() {
        assertThat(ServiceCatalog.databases(3)).containsExactly("storage_node_1", "storage_node_2", "storage_node_3", "hints", "repairs");
    }

    @Test
    void builderSelectsSubsetsAndExpandsTheStorageNodeGroup(@TempDir Path dir) {
        LocalCluster cluster = LocalCluster.builder().repoRoot(dir).runDir(dir.resolve("run"))
                .storageNodes(4).services(Set.of("storage-node", "hint-manager")).infrastructure(Set.of("postgres"))
                .serviceProperty("storage-node", "ring.vnodes", "16").serviceProperty("heartbeat.ttl", "5s")
                .stopOnJvmExit(false).build();
        assertThat(cluster.names()).containsExactly("postgres", "storage-node-1", "storage-node-2", "storage-node-3",
                "storage-node-4", "hint-manager");
        assertThat(cluster.port("storage-node-4")).isEqualTo(8089);
        assertThatThrownBy(() -> LocalCluster.builder().repoRoot(dir).services(Set.of("nope")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }

    @Test
    void configSurvivesARoundTripThroughItsFile(@TempDir Path dir) {
        ClusterConfig config = new ClusterConfig(dir, dir.resolve("run"), 2, Map.of("postgres", 25432, "storage-node-1", 28082),
                Set.of("postgres", "storage-node-1"), Map.of("all", Map.of("a.b", "x=y"), "storage-node-1", Map.of("c", "d")),
                List.of("-Xmx256m", "-XX:+UseSerialGC"), true);
        config.save();
        ClusterConfig loaded = ClusterConfig.load(dir.resolve("run"));
        assertThat(loaded.repoRoot()).isEqualTo(dir);
        assertThat(loaded.storageNodes()).isEqualTo(2);
        assertThat(loaded.ports()).isEqualTo(config.ports());
        assertThat(loaded.enabled()).containsExactlyInAnyOrderElementsOf(config.enabled());
        assertThat(loaded.extraProperties()).isEqualTo(config.extraProperties());
        assertThat(loaded.serviceJvmOptions()).isEqualTo(config.serviceJvmOptions());
        assertThat(loaded.classDataSharing()).isTrue();

        ClusterConfig five = loaded.withStorageNodes(5);
        assertThat(five.enabled()).contains("storage-node-5");
        assertThat(five.ports()).containsKey("storage-node-5");
        assertThat(five.withStorageNodes(1).ports()).doesNotContainKey("storage-node-2");
    }

    private static ServiceCatalog.ServiceSpec spec(String name) {
        return ServiceCatalog.services(3).stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
