package com.logprocessor.it.antientropy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.it.support.AntiEntropy;
import com.logprocessor.it.support.Hints;
import com.logprocessor.it.support.Http;
import com.logprocessor.it.support.Ingest;
import com.logprocessor.it.support.Ingest.Acked;
import com.logprocessor.it.support.Membership;
import com.logprocessor.it.support.Metrics;
import com.logprocessor.it.support.NodeDatabase;
import com.logprocessor.it.support.Replicas;
import com.logprocessor.it.support.TestCluster;
import com.logprocessor.localcluster.LocalCluster;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Anti-entropy when things fail: a node down longer than its hints live is filled by anti-entropy
 * alone, and a coordinator killed in the middle of a job loses nothing (another takes the job once
 * its lease runs out, never before). Set checks: every acknowledged id read from every replica.
 */
@Order(69)
class AntiEntropyFaultsIT {

    private static final int RF = 3;
    private static final String NODE = "storage-node-3";

    @BeforeEach
    void nothingQueued() {
        AntiEntropy.awaitIdle(Duration.ofSeconds(120));
    }

    @AfterEach
    void leaveTheClusterAsItWas() {
        LocalCluster cluster = TestCluster.get();
        for (String optional : List.of(TestCluster.SECOND_ANTI_ENTROPY, TestCluster.SECOND_HINT_MANAGER)) {
            if (cluster.isRunning(optional)) {
                cluster.stop(optional);
            }
        }
        for (String name : List.of(NODE, TestCluster.HINT_MANAGER, TestCluster.ANTI_ENTROPY)) {
            if (!cluster.isRunning(name)) {
                cluster.start(name);
                cluster.awaitReady(name);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Membership.snapshot().isUp(NODE));
        AntiEntropy.awaitIdle(Duration.ofSeconds(180));
        // The coordinator's breaker for the killed node closes only after calls succeed: a few writes.
        List<String> keys = keys("breakers", 30);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Ingest.send(keys, null);
            List<JsonNode> members = new ArrayList<>();
            Http.getJson(TestCluster.coordinatorUrl() + "/api/coordinator/nodes").forEach(members::add);
            return members.stream().allMatch(m -> m.get("breaker").asString().equals("CLOSED"));
        });
    }

    private static List<String> keys(String prefix, int count) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return IntStream.range(0, count).mapToObj(i -> prefix + "-" + run + "-" + i).toList();
    }

    private static List<JsonNode> nodeJobsSince(String antiEntropyUrl, String node, Instant since) {
        return AntiEntropy.jobs(antiEntropyUrl).stream().filter(j -> j.get("kind").asString().equals("NODE")
                && j.get("subject").asString().equals(node)
                && Instant.parse(j.get("createdAt").asString()).isAfter(since)).toList();
    }

    @Test
    void aNodeDownLongerThanTheHintExpiryIsFilledByAntiEntropyAlone() throws Exception {
        LocalCluster cluster = TestCluster.get();
        // The hint-manager whose hints expire after 14.4 s stands in for the usual one.
        cluster.stop(TestCluster.HINT_MANAGER);
        cluster.start(TestCluster.SECOND_HINT_MANAGER);
        cluster.awaitReady(TestCluster.SECOND_HINT_MANAGER);
        String hints = cluster.url(TestCluster.SECOND_HINT_MANAGER);
        double expiredBefore = Metrics.sum(hints, "hints_expired_total", "node=\"" + NODE + "\"");

        Instant stopped = Instant.now();
        List<String> keys = keys("expired", 200);
        List<Acked> acked;
        try (Ingest.Load load = new Ingest.Load(keys, 100, 1000, "QUORUM")) {
            load.awaitAcked(1000, Duration.ofSeconds(60));
            cluster.kill(NODE);
            await().atMost(Duration.ofSeconds(15)).until(() -> !Membership.snapshot().isUp(NODE));
            load.awaitAcked(load.acked().size() + 4000, Duration.ofSeconds(90));
            load.close();
            assertThat(load.failures()).as("writes go on at QUORUM with one node down").isEmpty();
            acked = load.acked();
        }
        // What the node missed, read from its database while it is down.
        String prefix = keys.get(0).substring(0, keys.get(0).lastIndexOf('-') + 1);
        long missed = acked.size() - NodeDatabase.count(NodeDatabase.number(NODE),
                "SELECT count(*) FROM log_entries WHERE partition_key LIKE ?", prefix + "%");
        assertThat(missed).as("logs %s missed", NODE).isGreaterThan(3000);
        // It stays down until a hint for each of them has expired and been swept: none can be replayed.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Metrics.sum(hints, "hints_expired_total", "node=\"" + NODE + "\"") - expiredBefore
                        >= missed && Hints.pending(hints, NODE) == 0);

        Instant restarted = Instant.now();
        cluster.start(NODE);
        cluster.awaitReady(NODE);
        await().atMost(Duration.ofSeconds(15)).until(() -> Membership.snapshot().isUp(NODE));

        // The node's return (and the expired hints) queue NODE jobs for it; they fill the gap.
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            List<JsonNode> jobs = nodeJobsSince(AntiEntropy.url(), NODE, stopped);
            return jobs.stream().anyMatch(j -> j.get("reason").asString().equals("node-returned"))
                    && jobs.stream().allMatch(j -> j.get("status").asString().equals("COMPLETED"));
        });
        List<JsonNode> jobs = nodeJobsSince(AntiEntropy.url(), NODE, stopped);
        long repaired = jobs.stream().mapToLong(j -> j.get("counts").get("entriesRepaired").asLong()).sum();
        assertThat(repaired).as("entries anti-entropy wrote, by %s", jobs).isGreaterThanOrEqualTo(missed);
        assertThat(jobs).as("the expired hints queued a job while the node was down; it waited for the node")
                .anyMatch(j -> Instant.parse(j.get("createdAt").asString()).isBefore(restarted));
        Replicas.Report report = Replicas.check(acked, RF);
        assertThat(report.complete()).as("%s", report).isTrue();
        assertThat(Metrics.sum(hints, "hints_replayed_total", "node=\"" + NODE + "\"")).as("hints replayed")
                .isZero();
    }

    @Test
    void twoCoordinatorsShareTheQueueAndOneKilledMidJobLosesNothing() {
        LocalCluster cluster = TestCluster.get();
        cluster.start(TestCluster.SECOND_ANTI_ENTROPY);
        cluster.awaitReady(TestCluster.SECOND_ANTI_ENTROPY);
        String first = cluster.url(TestCluster.ANTI_ENTROPY);
        String second = cluster.url(TestCluster.SECOND_ANTI_ENTROPY);

        // A cycle with both running: every job runs once (one attempt), whoever claims it.
        JsonNode cycle = AntiEntropy.trigger("");
        List<JsonNode> cycleJobs = AntiEntropy.awaitCycle(cycle.get("cycleId").asLong());
        assertThat(cycleJobs).isNotEmpty().allSatisfy(j -> {
            assertThat(j.get("status").asString()).isEqualTo("COMPLETED");
            assertThat(j.get("attempts").asInt()).as("%s", j).isEqualTo(1);
        });

        // Something for a long job: 30,000 logs, all deleted from storage-node-1 behind the system's back.
        List<String> keys = keys("killed", 300);
        List<Acked> acked = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            all.addAll(keys);
        }
        for (int i = 0; i < all.size(); i += 1000) {
            acked.addAll(Ingest.send(all.subList(i, Math.min(all.size(), i + 1000)), null));
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Replicas.check(acked, RF).complete());
        String prefix = keys.get(0).substring(0, keys.get(0).lastIndexOf('-') + 1);
        assertThat(NodeDatabase.execute(1, "DELETE FROM log_entries WHERE partition_key LIKE ?", prefix + "%"))
                .isEqualTo(acked.size());
        for (String key : keys) { // the node's verification corrects its digests (hourly by itself)
            HttpResponse<String> verified = Http.post(TestCluster.nodeUrl(1)
                    + "/api/storage/digests/verify?partitionKey=" + key, "");
            assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        }

        long jobId = AntiEntropy.trigger("?node=storage-node-1").get("jobs").get(0).get("id").asLong();
        JsonNode[] running = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            running[0] = AntiEntropy.job(second, jobId);
            return running[0].get("status").asString().equals("RUNNING");
        });
        String holder = running[0].get("claimedBy").asString();
        assertThat(holder).isIn(TestCluster.ANTI_ENTROPY, TestCluster.SECOND_ANTI_ENTROPY);
        String survivor = holder.equals(TestCluster.ANTI_ENTROPY) ? second : first;
        String expectedTaker = holder.equals(TestCluster.ANTI_ENTROPY) ? TestCluster.SECOND_ANTI_ENTROPY
                : TestCluster.ANTI_ENTROPY;
        cluster.kill(holder);
        Instant killed = Instant.now();

        // Nobody takes the job while the dead instance's lease runs; then the survivor does, and finishes it.
        JsonNode[] now = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            now[0] = AntiEntropy.job(survivor, jobId);
            return now[0].get("claimedBy").asString().equals(expectedTaker);
        });
        Duration untilTakenOver = Duration.between(killed, Instant.now());
        // The lease was renewed at most a third of a lease before the kill.
        assertThat(untilTakenOver).isGreaterThan(TestCluster.ANTI_ENTROPY_LEASE.multipliedBy(2).dividedBy(3)
                .minusSeconds(1));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            now[0] = AntiEntropy.job(survivor, jobId);
            return !now[0].get("status").asString().equals("RUNNING") && !now[0].get("status").asString().equals("PENDING");
        });
        assertThat(now[0].get("status").asString()).as("%s", now[0]).isEqualTo("COMPLETED");
        assertThat(now[0].get("attempts").asInt()).isEqualTo(2);
        assertThat(now[0].get("claimedBy").asString()).isEqualTo(expectedTaker);

        Replicas.Report report = Replicas.check(acked, RF);
        assertThat(report.complete()).as("%s", report).isTrue();
    }
}
