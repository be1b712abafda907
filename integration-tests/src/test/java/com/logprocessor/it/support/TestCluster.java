package com.logprocessor.it.support;

import com.logprocessor.localcluster.LocalCluster;
import com.logprocessor.localcluster.ServiceCatalog;
import com.logprocessor.localcluster.infra.PrometheusServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The cluster every integration test runs against: started once per test run (on free ports, in
 * {@code integration-tests/target/it-cluster}), stopped when the JVM exits. Four storage node
 * databases exist but three nodes start; a test may start the fourth and must leave the ring as
 * it found it; a second coordinator is known and may be started the same way (it reads with
 * {@code read-repair.chance=1.0}). The anti-entropy coordinator plans no periodic cycle; a second one
 * is known (same queue) and may be started; so is a second hint-manager whose hints expire after
 * 14.4 s, to stand in for the first one. Heartbeats are faster than the defaults (TTL 6 s) so failure
 * detection is quick.
 */
public final class TestCluster {

    public static final String GATEWAY = "api-gateway";
    public static final String COORDINATOR = "storage-coordinator";
    public static final String SECOND_COORDINATOR = "storage-coordinator-2";
    public static final String HINT_MANAGER = "hint-manager";
    public static final String READ_REPAIR = "read-repair-service";
    public static final String MERKLE = "merkle-tree-service";
    public static final String ANTI_ENTROPY = "anti-entropy-coordinator";
    public static final String SECOND_ANTI_ENTROPY = "anti-entropy-coordinator-2";
    public static final String SECOND_HINT_MANAGER = "hint-manager-2";
    public static final String PROMETHEUS = "prometheus";
    /** The anti-entropy job lease: short, so a test that kills an instance mid-job sees the job taken over soon. */
    public static final Duration ANTI_ENTROPY_LEASE = Duration.ofSeconds(10);
    /** The second hint-manager's hint expiry: a node down longer than this is left to anti-entropy. */
    public static final String SHORT_HINT_EXPIRY_HOURS = "0.004"; // 14.4 s
    public static final Duration HEARTBEAT_TTL = Duration.ofSeconds(6);

    private static LocalCluster cluster;

    private TestCluster() {
    }

    public static synchronized LocalCluster get() {
        if (cluster == null) {
            Path repoRoot = Path.of(System.getProperty("it.repoRoot", "..")).toAbsolutePath().normalize();
            Path runDir = Path.of(System.getProperty("it.runDir", "target/it-cluster")).toAbsolutePath().normalize();
            LocalCluster c = LocalCluster.builder()
                    .repoRoot(repoRoot)
                    .runDir(runDir)
                    .freePorts()
                    .storageNodes(4)
                    // Prometheus where it is installed (.ci/run installs it): MonitoringLiveIT checks
                    // the dashboards and alerts against it.
                    .infrastructure(PrometheusServer.binary().isPresent()
                            ? Set.of("postgres", "redis", "kafka", PROMETHEUS) : Set.of("postgres", "redis", "kafka"))
                    .services(Set.of("storage-node-1", "storage-node-2", "storage-node-3", COORDINATOR, GATEWAY,
                            HINT_MANAGER, READ_REPAIR, MERKLE, ANTI_ENTROPY))
                    .serviceProperty("ring.heartbeat-ttl", HEARTBEAT_TTL.toSeconds() + "s")
                    .serviceProperty("ring.heartbeat-interval", "2s")
                    // Few ids remembered, so a test can make the coordinator forget one (ReadRepairIT).
                    .serviceProperty(COORDINATOR, "coordinator.dedup.recent-ids", "1000")
                    // The second coordinator checks every replica on every read (ReadRepairIT).
                    .serviceProperty(SECOND_COORDINATOR, "read-repair.chance", "1.0")
                    // No periodic cycles: tests that damage a replica on purpose (read repair, Merkle
                    // trees) must see the damage; anti-entropy tests trigger cycles themselves. Ring
                    // changes still plan their jobs (AntiEntropy.awaitIdle after a test changes the ring).
                    .serviceProperty(ANTI_ENTROPY, "anti-entropy.interval", "0")
                    .serviceProperty(ANTI_ENTROPY, "anti-entropy.jobs.retry-backoff", "1s")
                    .serviceProperty(ANTI_ENTROPY, "anti-entropy.jobs.lease", ANTI_ENTROPY_LEASE.toSeconds() + "s")
                    .serviceProperty(ANTI_ENTROPY, "anti-entropy.jobs.instance-id", ANTI_ENTROPY)
                    .serviceProperty(SECOND_ANTI_ENTROPY, "anti-entropy.interval", "0")
                    .serviceProperty(SECOND_ANTI_ENTROPY, "anti-entropy.jobs.retry-backoff", "1s")
                    .serviceProperty(SECOND_ANTI_ENTROPY, "anti-entropy.jobs.lease", ANTI_ENTROPY_LEASE.toSeconds() + "s")
                    .serviceProperty(SECOND_ANTI_ENTROPY, "anti-entropy.jobs.instance-id", SECOND_ANTI_ENTROPY)
                    .serviceProperty(SECOND_HINT_MANAGER, "hint.expiry.hours", SHORT_HINT_EXPIRY_HOURS)
                    .serviceProperty(SECOND_HINT_MANAGER, "hint.expiry.sweep-interval", "2s")
                    .serviceJvmOptions(ServiceCatalog.TEST_SERVICE_JVM_OPTIONS)
                    .readyTimeout(Duration.ofMinutes(4))
                    .progress(line -> System.out.println("[cluster] " + line))
                    .build();
            c.up();
            cluster = c;
        }
        return cluster;
    }

    public static String gatewayUrl() {
        return get().url(GATEWAY);
    }

    public static String coordinatorUrl() {
        return get().url(COORDINATOR);
    }

    public static String hintManagerUrl() {
        return get().url(HINT_MANAGER);
    }

    public static String nodeUrl(int n) {
        return get().url("storage-node-" + n);
    }
}
