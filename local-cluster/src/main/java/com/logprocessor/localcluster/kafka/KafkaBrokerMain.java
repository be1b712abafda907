package com.logprocessor.localcluster.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka JVM: a real Kafka 4.2 server (org.apache.kafka:kafka_2.13) in KRaft combined mode (one
 * node that is both broker and controller), listening on 127.0.0.1 only.
 *
 * <p>Arguments: {@code --port P --controller-port C --dir DIR}. Writes {@code DIR/server.properties},
 * formats {@code DIR/data} once with {@code kafka-storage format} (cluster id kept in
 * {@code DIR/cluster.id}), then runs {@code kafka.Kafka}, which stops gracefully on SIGTERM.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        int port = Integer.parseInt(require(options, "port"));
        int controllerPort = Integer.parseInt(require(options, "controller-port"));
        Path dir = Path.of(require(options, "dir")).toAbsolutePath();
        Path data = dir.resolve("data");
        Files.createDirectories(data);

        Path config = dir.resolve("server.properties");
        writeConfig(config, port, controllerPort, data);

        if (!Files.isRegularFile(data.resolve("meta.properties"))) {
            Path clusterIdFile = dir.resolve("cluster.id");
            String clusterId;
            if (Files.isRegularFile(clusterIdFile)) {
                clusterId = Files.readString(clusterIdFile, StandardCharsets.UTF_8).trim();
            } else {
                clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
                Files.writeString(clusterIdFile, clusterId + "\n", StandardCharsets.UTF_8);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit;
            try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
                exit = kafka.tools.StorageTool.execute(new String[] {
                        "format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted"}, print);
            }
            System.out.println("kafka-storage format: " + out.toString(StandardCharsets.UTF_8).trim());
            if (exit != 0) {
                System.err.println("formatting " + data + " failed with exit code " + exit);
                System.exit(exit);
            }
        }
        kafka.Kafka.main(new String[] {config.toString()});
    }

    private static void writeConfig(Path config, int port, int controllerPort, Path data) throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", data.toString());
        // Topics are created by the services, explicitly.
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        // One broker: every internal topic has one replica.
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "10");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // Fast start and fast consumer-group joins on a developer machine.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("log.retention.hours", "168");
        try (Writer writer = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            writer.write("# written by local-cluster at every start\n");
            for (Map.Entry<String, String> e : p.entrySet()) {
                writer.write(e.getKey() + "=" + e.getValue() + "\n");
            }
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unexpected argument " + args[i]
                        + "; usage: --port P --controller-port C --dir DIR");
            }
        }
        return options;
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name + "; usage: --port P --controller-port C --dir DIR");
        }
        return value;
    }
}
