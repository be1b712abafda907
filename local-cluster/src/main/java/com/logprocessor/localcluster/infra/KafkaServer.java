package com.logprocessor.localcluster.infra;

import com.logprocessor.localcluster.kafka.KafkaBrokerMain;
import com.logprocessor.localcluster.process.ProcessControl;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Launches {@link KafkaBrokerMain} in its own JVM. Where its classes come from:
 * <ol>
 *   <li>this JVM runs the local-cluster fat jar: {@code java -jar <that jar> kafka-broker …};</li>
 *   <li>the Kafka server classes are on this JVM's class path (local-cluster's own tests, an IDE):
 *       the same class path, passed in {@code CLASSPATH};</li>
 *   <li>otherwise (a module that depends on local-cluster without the optional Kafka server
 *       dependencies, e.g. integration-tests) the fat jar {@code <repo>/local-cluster/target/local-cluster.jar}.</li>
 * </ol>
 */
public final class KafkaServer {

    public static final String SUBCOMMAND = "kafka-broker";
    static final List<String> JVM_OPTIONS = List.of(
            "-Xms128m", "-Xmx768m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
            "-Djava.awt.headless=true",
            "-Dlogback.configurationFile=local-cluster-kafka-logback.xml");

    private KafkaServer() {
    }

    public static Path dir(Path runDir) {
        return runDir.resolve("kafka");
    }

    /** The command, and the environment it needs (CLASSPATH in case 2). */
    public record Launch(List<String> command, Map<String, String> environment) {
    }

    public static Launch launch(Path runDir, Path repoRoot, int port, int controllerPort) {
        List<String> command = new ArrayList<>();
        command.add(ProcessControl.javaExecutable());
        command.addAll(JVM_OPTIONS);
        List<String> brokerArgs = List.of("--port", Integer.toString(port), "--controller-port", Integer.toString(controllerPort),
                "--dir", dir(runDir).toAbsolutePath().toString());
        Path selfJar = runningFatJar();
        if (selfJar != null) {
            command.addAll(List.of("-jar", selfJar.toString(), SUBCOMMAND));
            command.addAll(brokerArgs);
            return new Launch(command, Map.of());
        }
        if (kafkaOnClassPath()) {
            command.add(KafkaBrokerMain.class.getName());
            command.addAll(brokerArgs);
            return new Launch(command, Map.of("CLASSPATH", System.getProperty("java.class.path")));
        }
        Path repoJar = repoRoot.resolve("local-cluster").resolve("target").resolve("local-cluster.jar");
        if (Files.isRegularFile(repoJar)) {
            command.addAll(List.of("-jar", repoJar.toAbsolutePath().toString(), SUBCOMMAND));
            command.addAll(brokerArgs);
            return new Launch(command, Map.of());
        }
        throw new IllegalStateException("cannot launch Kafka: the Kafka server classes are not on the class path and "
                + repoJar + " does not exist (build it: mvn -B package -pl local-cluster -am -DskipTests)");
    }

    /** The local-cluster fat jar this JVM was started from, if any. */
    static Path runningFatJar() {
        ClassLoader loader = KafkaServer.class.getClassLoader();
        if (loader == null || !loader.getClass().getName().startsWith("org.springframework.boot.loader")) {
            return null;
        }
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.isEmpty() || classPath.contains(File.pathSeparator)) {
            return null;
        }
        Path jar = Path.of(classPath).toAbsolutePath();
        return Files.isRegularFile(jar) ? jar : null;
    }

    static boolean kafkaOnClassPath() {
        try {
            Class.forName("kafka.Kafka", false, KafkaServer.class.getClassLoader());
            Class.forName("kafka.tools.StorageTool", false, KafkaServer.class.getClassLoader());
            return ClassLoader.getSystemClassLoader().getResource("kafka/Kafka.class") != null;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Ready when the broker answers describeCluster (a bound port alone is not enough). */
    public static boolean isReady(int port) {
        if (!TcpProbe.accepts(port)) {
            return false;
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "4000");
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "local-cluster-readiness");
        try (Admin admin = Admin.create(props)) {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(4000))
                    .nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }
}
