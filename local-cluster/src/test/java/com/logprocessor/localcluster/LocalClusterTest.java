package com.logprocessor.localcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.localcluster.LocalCluster.ComponentStatus;
import com.logprocessor.localcluster.LocalCluster.State;
import com.logprocessor.localcluster.process.ProcessControl;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts PostgreSQL, Redis, Kafka and one storage node (when its jar is built) on free ports in a
 * temporary folder, injects crashes, and checks that {@code down} leaves nothing behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterTest {

    @TempDir
    static Path tempDir;

    static LocalCluster cluster;

    @BeforeAll
    static void up() {
        cluster = LocalCluster.builder()
                .runDir(tempDir.resolve("run"))
                .freePorts()
                .storageNodes(2)
                .services(Set.of(ServiceCatalog.storageNode(1)))
                .serviceJvmOptions(ServiceCatalog.TEST_SERVICE_JVM_OPTIONS)
                .readyTimeout(Duration.ofMinutes(3))
                .build();
        cluster.up();
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.down();
        }
    }

    @Test
    @Order(1)
    void usesFreePortsAwayFromTheDesignPorts() {
        assertThat(List.of(cluster.postgresPort(), cluster.redisPort(), cluster.kafkaPort(), cluster.port("storage-node-1")))
                .allSatisfy(port -> assertThat(port).isBetween(PortAllocator.LOW, PortAllocator.HIGH - 1));
        assertThat(cluster.names()).containsExactly("postgres", "redis", "kafka", "storage-node-1");
        assertThat(cluster.jdbcUrl("storage_node_1")).isEqualTo("jdbc:postgresql://127.0.0.1:" + cluster.postgresPort() + "/storage_node_1");
    }

    @Test
    @Order(2)
    void postgresHasEveryDatabaseAndRunsDurably() throws Exception {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            List<String> databases = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select datname from pg_database")) {
                while (rs.next()) {
                    databases.add(rs.getString(1));
                }
            }
            assertThat(databases).contains("storage_node_1", "storage_node_2", "hints", "repairs");
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet rs = s.executeQuery("show " + setting)) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).as(setting).isEqualTo("on");
                }
            }
            try (ResultSet rs = s.executeQuery("show listen_addresses")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("127.0.0.1");
            }
        }
    }

    @Test
    @Order(3)
    void committedRowsSurviveKillMinus9OfPostgres() throws Exception {
        try (Connection c = connect("storage_node_1"); Statement s = c.createStatement()) {
            s.execute("create table crash_test (id int primary key, note text)");
            s.execute("insert into crash_test values (1, 'committed before the crash')");
        }
        long pid = cluster.pid("postgres").orElseThrow();
        List<Long> tree = ProcessControl.processTree(pid);
        assertThat(tree).hasSizeGreaterThan(1); // postmaster and its background processes

        cluster.kill("postgres");

        assertThat(tree).noneMatch(ProcessControl::isAlive);
        assertThat(cluster.isRunning("postgres")).isFalse();
        cluster.start("postgres");
        cluster.awaitReady("postgres");
        try (Connection c = connect("storage_node_1"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select note from crash_test where id = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("committed before the crash");
        }
        assertThat(Files.readString(cluster.logFile("postgres"))).contains("database system was interrupted");
    }

    @Test
    @Order(4)
    void redisAnswersPingAndKeepsItsDataAcrossAKill() throws Exception {
        assertThat(redis("PING")).isEqualTo("+PONG");
        assertThat(redis("SET", "ring:test", "tokens")).isEqualTo("+OK");

        cluster.kill("redis");
        assertThat(cluster.isRunning("redis")).isFalse();
        cluster.start("redis");
        cluster.awaitReady("redis");

        assertThat(redis("GET", "ring:test")).isEqualTo("$6\r\ntokens");
        assertThat(cluster.runDir().resolve("redis")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("appendonly"));
    }

    @Test
    @Order(5)
    void kafkaIsAKraftBrokerThatDoesNotAutoCreateTopics() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.kafkaBootstrapServers());
        try (Admin admin = Admin.create(props)) {
            assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(1)
                    .allSatisfy(node -> assertThat(node.host()).isEqualTo("127.0.0.1"));
            admin.createTopics(List.of(new NewTopic("local-cluster.test", 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains("local-cluster.test");
            String autoCreate = admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                            org.apache.kafka.common.config.ConfigResource.Type.BROKER, "1")))
                    .all().get(10, TimeUnit.SECONDS).values().iterator().next()
                    .get("auto.create.topics.enable").value();
            assertThat(autoCreate).isEqualTo("false");
        }
    }

    @Test
    @Order(6)
    void aServiceIsStartedWithItsSettingsAndComesBackAfterAKill() throws Exception {
        String node = ServiceCatalog.storageNode(1);
        assumeThat(cluster.jar(node)).as("storage-node jar built").isRegularFile();

        assertThat(readiness(cluster.url(node))).isEqualTo(200);
        assertThat(cluster.command(node)).contains(
                "--server.address=127.0.0.1",
                "--storage.node.id=storage-node-1",
                "--spring.datasource.url=" + cluster.jdbcUrl("storage_node_1"),
                "--spring.data.redis.port=" + cluster.redisPort(),
                "--spring.kafka.bootstrap-servers=127.0.0.1:" + cluster.kafkaPort());

        cluster.kill(node);
        assertThat(cluster.isRunning(node)).isFalse();
        cluster.start(node);
        cluster.awaitReady(node);
        await().atMost(Duration.ofSeconds(10)).until(() -> readiness(cluster.url(node)) == 200);
    }

    @Test
    @Order(7)
    void statusReportsEveryComponentReady() {
        List<ComponentStatus> status = cluster.status();
        assertThat(status).extracting(ComponentStatus::name).containsExactly("postgres", "redis", "kafka", "storage-node-1");
        assertThat(status).filteredOn(s -> !(s.state() == State.NOT_BUILT))
                .allSatisfy(s -> {
                    assertThat(s.state()).as(s.name()).isEqualTo(State.READY);
                    assertThat(s.pid()).isPresent();
                });
        assertThat(ClusterConfig.load(cluster.runDir()).ports()).isEqualTo(cluster.config().ports());
    }

    @Test
    @Order(8)
    void downStopsEveryProcessAndUpBringsTheSameDataBack() throws Exception {
        List<Long> pids = new ArrayList<>();
        for (String name : cluster.names()) {
            cluster.pid(name).ifPresent(pid -> pids.addAll(ProcessControl.processTree(pid)));
        }
        assertThat(pids).isNotEmpty();

        cluster.down();

        assertThat(pids).noneMatch(ProcessControl::isAlive);
        assertThat(cluster.names()).noneMatch(cluster::isRunning);
        assertThat(cluster.runDir().resolve("pids")).isEmptyDirectory();

        cluster.up(); // same run folder: same data
        assertThat(redis("GET", "ring:test")).isEqualTo("$6\r\ntokens");
        try (Connection c = connect("storage_node_1"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from crash_test")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    private static Connection connect(String database) throws Exception {
        return DriverManager.getConnection(cluster.jdbcUrl(database), cluster.databaseUser(), cluster.databasePassword());
    }

    /** A raw RESP request; returns the reply without its final CRLF. */
    private static String redis(String... words) throws IOException {
        StringBuilder request = new StringBuilder("*" + words.length + "\r\n");
        for (String w : words) {
            request.append('$').append(w.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(w).append("\r\n");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", cluster.redisPort()), 2000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256];
            int n = in.read(buffer);
            String reply = new String(buffer, 0, n, StandardCharsets.UTF_8);
            if (reply.startsWith("$") && reply.indexOf("\r\n") == reply.length() - 2 && !reply.startsWith("$-1")) {
                n = in.read(buffer); // bulk string body in a second segment
                reply += new String(buffer, 0, n, StandardCharsets.UTF_8);
            }
            return reply.endsWith("\r\n") ? reply.substring(0, reply.length() - 2) : reply;
        }
    }

    private static int readiness(String baseUrl) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health/readiness")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
