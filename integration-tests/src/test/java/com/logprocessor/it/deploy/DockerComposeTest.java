package com.logprocessor.it.deploy;

import static com.logprocessor.it.deploy.DeploymentFiles.bindMounts;
import static com.logprocessor.it.deploy.DeploymentFiles.dependsOn;
import static com.logprocessor.it.deploy.DeploymentFiles.environment;
import static com.logprocessor.it.deploy.DeploymentFiles.healthcheck;
import static com.logprocessor.it.deploy.DeploymentFiles.map;
import static com.logprocessor.it.deploy.DeploymentFiles.publishedPorts;
import static com.logprocessor.it.deploy.DeploymentFiles.service;
import static com.logprocessor.it.deploy.DeploymentFiles.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** docker-compose.yml against the design: services, ports, health, wiring, start order. */
class DockerComposeTest {

    private static final Map<String, Object> COMPOSE = DeploymentFiles.compose();

    static List<Design.Service> services() {
        return Design.SERVICES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void everyServiceRunsItsModuleOnItsDesignPort(Design.Service design) {
        Map<String, Object> service = service(COMPOSE, design.name());
        Map<String, String> env = environment(service);

        assertThat(map(map(service, "build"), "args")).containsEntry("SERVICE", design.module());
        assertThat(Files.isRegularFile(DeploymentFiles.path(design.module() + "/pom.xml")))
                .as("module %s exists", design.module()).isTrue();
        assertThat(env).containsEntry("SERVER_PORT", String.valueOf(design.port()))
                .containsEntry("SERVER_ADDRESS", "0.0.0.0");
        assertThat(publishedPorts(service)).singleElement()
                .satisfies(p -> assertThat(p).containsExactly(design.port(), design.port()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void everyServiceIsHealthyWhenReady(Design.Service design) {
        Map<String, Object> service = service(COMPOSE, design.name());

        assertThat(healthcheck(service))
                .contains("http://localhost:" + design.port() + "/actuator/health/readiness");
        assertThat(string(service, "restart")).isEqualTo("unless-stopped");
    }

    /** Credentials come from the file setup generates (never from the repository), the one the local cluster uses. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void everyServiceReadsTheGeneratedCredentials(Design.Service design) {
        Map<String, Object> service = service(COMPOSE, design.name());

        assertThat(DeploymentFiles.list(service, "env_file")).map(String::valueOf)
                .containsExactly("./run/" + com.logprocessor.localcluster.security.ClusterSecrets.DIR + "/"
                        + com.logprocessor.localcluster.security.ClusterSecrets.SERVICES_FILE);
        assertThat(environment(service)).doesNotContainKeys("SECURITY_INTERNAL_TOKEN", "SECURITY_API_KEYS");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void everyServiceReachesRedisAndKafkaInsideCompose(Design.Service design) {
        Map<String, Object> service = service(COMPOSE, design.name());

        assertThat(environment(service))
                .containsEntry("SPRING_DATA_REDIS_HOST", "redis")
                .containsEntry("SPRING_DATA_REDIS_PORT", "6379")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
        assertThat(dependsOn(service))
                .containsEntry("redis", "service_healthy")
                .containsEntry("kafka", "service_healthy");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void servicesWithStateUseTheirOwnDatabase(Design.Service design) {
        Map<String, String> env = environment(service(COMPOSE, design.name()));
        if (design.hasDatabase()) {
            assertThat(env)
                    .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/" + design.database())
                    .containsEntry("SPRING_DATASOURCE_USERNAME", "postgres")
                    .containsEntry("SPRING_DATASOURCE_PASSWORD", "postgres");
            assertThat(dependsOn(service(COMPOSE, design.name()))).containsEntry("postgres", "service_healthy");
        } else {
            assertThat(env).doesNotContainKey("SPRING_DATASOURCE_URL");
        }
    }

    @Test
    void storageNodesShareOneImageAndAdvertiseTheirComposeAddress() {
        for (int i = 1; i <= 3; i++) {
            Design.Service design = Design.service("storage-node-" + i);
            Map<String, Object> service = service(COMPOSE, design.name());

            assertThat(environment(service))
                    .containsEntry("STORAGE_NODE_ID", design.name())
                    .containsEntry("STORAGE_NODE_ADVERTISED_URL", "http://" + design.name() + ":" + design.port());
            assertThat(string(service, "image")).isEqualTo("log-storage/storage-node:local");
        }
    }

    /** COORDINATOR_URL, HINTS_URL, … (every http URL a service gets) name a compose service and its port. */
    @Test
    void everyServiceUrlPointsAtAComposeServiceAndItsPort() {
        Pattern url = Pattern.compile("http://([a-z0-9-]+):(\\d+)");
        Set<String> checked = new TreeSet<>();
        for (Design.Service design : Design.SERVICES) {
            environment(service(COMPOSE, design.name())).forEach((key, value) -> {
                if (!key.endsWith("_URL") || value == null || !value.startsWith("http")) {
                    return;
                }
                Matcher m = url.matcher(value);
                assertThat(m.matches()).as("%s of %s: %s", key, design.name(), value).isTrue();
                Design.Service target = Design.service(m.group(1));
                assertThat(Integer.parseInt(m.group(2))).as("%s of %s", key, design.name()).isEqualTo(target.port());
                checked.add(key);
            });
        }
        assertThat(checked).contains("COORDINATOR_URL", "HINTS_URL", "READ_REPAIR_URL", "MERKLE_URL",
                "STORAGE_NODE_ADVERTISED_URL");
        assertThat(environment(service(COMPOSE, "api-gateway")))
                .containsEntry("COORDINATOR_URL", "http://storage-coordinator:8081");
    }

    @Test
    void infrastructurePublishesItsDesignPorts() {
        Design.INFRASTRUCTURE.forEach((name, port) ->
                assertThat(publishedPorts(service(COMPOSE, name)))
                        .as(name).anySatisfy(p -> assertThat(p[0]).isEqualTo(port)));
    }

    @Test
    void imagesArePinned() {
        map(COMPOSE, "services").forEach((name, raw) -> {
            Map<String, Object> service = map(raw, name);
            String image = string(service, "image");
            assertThat(image).as("image of %s", name).isNotBlank();
            assertThat(image).as("image of %s", name).contains(":").doesNotEndWith(":latest");
        });
        assertThat(string(service(COMPOSE, "kafka"), "image")).startsWith("apache/kafka:4.");
        assertThat(string(service(COMPOSE, "postgres"), "image")).startsWith("postgres:16");
        assertThat(string(service(COMPOSE, "redis"), "image")).startsWith("redis:7");
    }

    @Test
    void everyHealthyDependencyHasAHealthcheck() {
        map(COMPOSE, "services").forEach((name, raw) ->
                dependsOn(map(raw, name)).forEach((dependency, condition) -> {
                    assertThat(map(COMPOSE, "services")).as("%s depends on %s", name, dependency)
                            .containsKey(dependency);
                    if (condition.equals("service_healthy")) {
                        assertThat(healthcheck(service(COMPOSE, dependency)))
                                .as("healthcheck of %s (%s waits for it)", dependency, name).isNotBlank();
                    }
                }));
    }

    @Test
    void startOrderFollowsTheWritePath() {
        assertThat(dependsOn(service(COMPOSE, "storage-coordinator")))
                .containsEntry("storage-node-1", "service_healthy")
                .containsEntry("storage-node-2", "service_healthy")
                .containsEntry("storage-node-3", "service_healthy")
                .containsEntry("hint-manager", "service_healthy");
        assertThat(dependsOn(service(COMPOSE, "api-gateway")))
                .containsEntry("storage-coordinator", "service_healthy");
        assertThat(dependsOn(service(COMPOSE, "anti-entropy-coordinator")))
                .containsEntry("merkle-tree-service", "service_healthy");
        assertThat(dependsOn(service(COMPOSE, "grafana"))).containsKey("prometheus");
    }

    /** Containers reach the broker as kafka:9092; host tools reach the published port as localhost:9092. */
    @Test
    void kafkaAdvertisesOneListenerToContainersAndOneToTheHost() {
        Map<String, Object> kafka = service(COMPOSE, "kafka");
        Map<String, String> env = environment(kafka);

        assertThat(env).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .containsKey("CLUSTER_ID");
        Map<String, String> listeners = listenerPorts(env.get("KAFKA_LISTENERS"));
        Map<String, String> advertised = listenerAddresses(env.get("KAFKA_ADVERTISED_LISTENERS"));

        String internal = listenerNamed(advertised, "kafka:9092");
        assertThat(listeners.get(internal)).as("container port of %s", internal).isEqualTo("9092");

        String external = advertised.entrySet().stream()
                .filter(e -> e.getValue().endsWith(":9092") && !e.getKey().equals(internal))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no host listener: " + advertised));
        assertThat(advertised.get(external)).contains("localhost");
        int externalContainerPort = Integer.parseInt(listeners.get(external));
        assertThat(publishedPorts(kafka)).as("host 9092 is the %s listener", external)
                .anySatisfy(p -> assertThat(p).containsExactly(9092, externalContainerPort));
        assertThat(env.get("KAFKA_INTER_BROKER_LISTENER_NAME")).isEqualTo(internal);
    }

    @Test
    void postgresCreatesEveryDatabaseTheServicesUse() {
        Map<String, String> mounts = bindMounts(service(COMPOSE, "postgres"));
        String initFolder = mounts.entrySet().stream()
                .filter(e -> e.getValue().equals("/docker-entrypoint-initdb.d"))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AssertionError("no init scripts mounted: " + mounts));

        StringBuilder sql = new StringBuilder();
        try (var files = Files.list(DeploymentFiles.path(initFolder))) {
            files.sorted().forEach(f -> sql.append(DeploymentFiles.read(DeploymentFiles.ROOT.relativize(f).toString())));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Set<String> created = new TreeSet<>();
        Matcher m = Pattern.compile("(?i)CREATE\\s+DATABASE\\s+\"?(\\w+)\"?").matcher(sql);
        while (m.find()) {
            created.add(m.group(1));
        }
        assertThat(created).containsExactlyInAnyOrderElementsOf(Design.DATABASES);
    }

    @Test
    void everyBindMountExistsInTheRepository() {
        map(COMPOSE, "services").forEach((name, raw) ->
                bindMounts(map(raw, name)).keySet().forEach(hostPath ->
                        assertThat(Files.exists(DeploymentFiles.path(hostPath)))
                                .as("%s mounts ./%s", name, hostPath).isTrue()));
    }

    @Test
    void namedVolumesAreDeclared() {
        Set<String> declared = map(COMPOSE, "volumes").keySet();
        map(COMPOSE, "services").forEach((name, raw) -> {
            for (Object entry : DeploymentFiles.list(map(raw, name), "volumes")) {
                String source = String.valueOf(entry).split(":")[0];
                if (!source.startsWith(".") && !source.startsWith("/")) {
                    assertThat(declared).as("volume %s of %s", source, name).contains(source);
                }
            }
        });
        assertThat(declared).contains("postgres-data", "redis-data", "kafka-data");
    }

    /** The Dockerfile copies the jar Maven builds; .dockerignore lets exactly those jars through. */
    @Test
    void theImageIsBuiltFromEachModulesJar() {
        String dockerfile = DeploymentFiles.read("Dockerfile");
        assertThat(dockerfile).contains("ARG SERVICE").contains("COPY ${SERVICE}/target/${SERVICE}.jar")
                .contains("eclipse-temurin:17-jre").containsPattern("(?m)^USER \\S+");
        assertThat(dockerfile.lines().filter(l -> l.startsWith("USER "))).noneMatch(l -> l.contains("root"));

        String dockerignore = DeploymentFiles.read(".dockerignore");
        Design.SERVICES.stream().map(Design.Service::module).distinct().forEach(module ->
                assertThat(dockerignore).contains("!" + module + "/target/" + module + ".jar"));
    }

    private static Map<String, String> listenerPorts(String listeners) {
        Map<String, String> ports = new java.util.LinkedHashMap<>();
        for (String listener : listeners.split(",")) {
            String[] nameAndAddress = listener.trim().split("://");
            ports.put(nameAndAddress[0], nameAndAddress[1].substring(nameAndAddress[1].lastIndexOf(':') + 1));
        }
        return ports;
    }

    private static Map<String, String> listenerAddresses(String listeners) {
        Map<String, String> addresses = new java.util.LinkedHashMap<>();
        for (String listener : listeners.split(",")) {
            String[] nameAndAddress = listener.trim().split("://");
            addresses.put(nameAndAddress[0], nameAndAddress[1]);
        }
        return addresses;
    }

    private static String listenerNamed(Map<String, String> advertised, String address) {
        return advertised.entrySet().stream().filter(e -> e.getValue().equals(address)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("nothing advertised as " + address + ": " + advertised));
    }
}
