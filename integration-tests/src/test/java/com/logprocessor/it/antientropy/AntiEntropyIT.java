package com.logprocessor.it.antientropy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.it.support.AntiEntropy;
import com.logprocessor.it.support.Http;
import com.logprocessor.it.support.Ingest;
import com.logprocessor.it.support.Ingest.Acked;
import com.logprocessor.it.support.Membership;
import com.logprocessor.it.support.NodeDatabase;
import com.logprocessor.it.support.Replicas;
import com.logprocessor.it.support.TestCluster;
import com.logprocessor.localcluster.LocalCluster;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Anti-entropy finds and heals, by itself, what no write path can: rows lost, altered and added
 * behind the system's back, and the ranges a joining node takes over. Checked as set checks: every
 * acknowledged id read from every replica directly, and equal Merkle roots.
 */
@Order(67)
class AntiEntropyIT {

    private static final String FOURTH = "storage-node-4";
    private static final int RF = 3;

    @BeforeEach
    void nothingQueued() {
        AntiEntropy.awaitIdle(Duration.ofSeconds(120));
    }

    @AfterEach
    void leaveTheRingAsItWas() {
        LocalCluster cluster = TestCluster.get();
        if (cluster.isRunning(FOURTH)) {
            cluster.stop(FOURTH);
            await().atMost(Duration.ofSeconds(10)).until(() -> !Membership.snapshot().isUp(FOURTH));
        }
        if (Membership.snapshot().member(FOURTH).isPresent()) {
            Http.delete(TestCluster.coordinatorUrl() + "/api/coordinator/nodes/" + FOURTH);
            await().atMost(Duration.ofSeconds(5)).until(() -> Membership.snapshot().member(FOURTH).isEmpty());
        }
        AntiEntropy.awaitIdle(Duration.ofSeconds(180));
    }

    private static List<Acked> write(List<String> keys, int perKey) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < perKey; i++) {
            all.addAll(keys);
        }
        List<Acked> acked = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 500) {
            acked.addAll(Ingest.send(all.subList(i, Math.min(all.size(), i + 500)), null));
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Replicas.check(acked, RF).complete());
        return acked;
    }

    private static long sum(List<JsonNode> jobs, String count) {
        return jobs.stream().mapToLong(j -> j.get("counts").get(count).asLong()).sum();
    }

    private static List<String> concat(List<String> keys, String key) {
        List<String> all = new ArrayList<>(keys);
        all.add(key);
        return all;
    }

    private static JsonNode compare(String key, String a, String b) {
        HttpResponse<String> r = Http.post(TestCluster.get().url(TestCluster.MERKLE) + "/api/merkle/compare",
                "{\"partitionId\":\"" + key + "\",\"node1Url\":\"" + a + "\",\"node2Url\":\"" + b + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.json(r);
    }

    @Test
    void rowsLostAlteredAndAddedOnOneReplicaAreHealedByOneTriggeredCycle() {
        // A clean start: whatever earlier tests left different is healed first, so the counts below are ours.
        AntiEntropy.awaitCycle(AntiEntropy.trigger("").get("cycleId").asLong());
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            keys.add("ae-" + run + "-" + i);
        }
        List<Acked> acked = new ArrayList<>(write(keys, 150));
        // One partition larger than a segment (1000): compared by its Merkle trees, not in a batch.
        String large = "ae-" + run + "-large";
        acked.addAll(write(List.of(large), 1100));
        String lost = keys.get(0);
        String altered = keys.get(1);
        String added = keys.get(2);

        // Behind the system's back, on storage-node-1: 50 rows lost, 20 altered (same version), 1 added.
        assertThat(NodeDatabase.execute(1, "DELETE FROM log_entries WHERE partition_key = ? AND sequence BETWEEN 11 AND 60",
                lost)).isEqualTo(50);
        assertThat(NodeDatabase.execute(1, "DELETE FROM log_entries WHERE partition_key = ?"
                + " AND (sequence BETWEEN 5 AND 9 OR sequence BETWEEN 1001 AND 1020)", large)).isEqualTo(25);
        assertThat(NodeDatabase.execute(1, "UPDATE log_entries SET message = 'altered behind the system''s back'"
                + " WHERE partition_key = ? AND sequence BETWEEN 101 AND 120", altered)).isEqualTo(20);
        assertThat(NodeDatabase.execute(1, "INSERT INTO log_entries (partition_key, sequence, id, ts, ts_nanos, level,"
                + " source_ip, service, message, attributes, version_counter, version_writer, content_hash)"
                + " SELECT partition_key, 151, gen_random_uuid(), ts, ts_nanos, level, source_ip, service,"
                + " 'added behind the system''s back', attributes, version_counter, version_writer, 0"
                + " FROM log_entries WHERE partition_key = ? AND sequence = 1", added)).isEqualTo(1);
        // The node's digest verification (hourly by itself) notices and corrects its digests.
        HttpResponse<String> verified = Http.post(TestCluster.nodeUrl(1) + "/api/storage/digests/verify", "");
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        for (String key : List.of(lost, altered, added, large)) {
            assertThat(compare(key, "storage-node-1", "storage-node-2").get("consistent").asBoolean())
                    .as("damage to %s is visible", key).isFalse();
        }

        JsonNode triggered = AntiEntropy.trigger("");
        List<JsonNode> jobs = AntiEntropy.awaitCycle(triggered.get("cycleId").asLong());

        assertThat(jobs).allSatisfy(j -> assertThat(j.get("status").asString()).as("%s", j).isEqualTo("COMPLETED"));
        for (String key : concat(keys, large)) {
            for (String other : List.of("storage-node-2", "storage-node-3")) {
                assertThat(compare(key, "storage-node-1", other).get("consistent").asBoolean())
                        .as("%s on storage-node-1 and %s", key, other).isTrue();
            }
        }
        Replicas.Report report = Replicas.check(acked, RF);
        assertThat(report.complete()).as("%s", report).isTrue();
        for (int n = 1; n <= 3; n++) {
            List<LogEntry> copies = Ingest.onNode(TestCluster.nodeUrl(n), altered);
            assertThat(copies).noneMatch(e -> e.message().contains("altered"));
            assertThat(Ingest.onNode(TestCluster.nodeUrl(n), added)).anyMatch(e -> e.sequence() == 151);
        }
        // Exactly the differing copies travel: 50 + 20 + 25 to storage-node-1, the added one to the two others.
        assertThat(sum(jobs, "entriesStreamed")).isBetween(97L, 194L);
        assertThat(sum(jobs, "entriesRepaired")).isEqualTo(97);
        assertThat(sum(jobs, "partitionsDiffering")).isEqualTo(4);
        // One segment (of 1000) in each small partition, two in the large one.
        assertThat(sum(jobs, "segmentsDiffering")).isEqualTo(5);
    }

    @Test
    void aFourthNodeThatJoinsIsFilledWithEveryRangeItReplicates() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            keys.add("join-" + run + "-" + i);
        }
        List<Acked> acked = write(keys, 40); // 20,000 logs before it joins

        LocalCluster cluster = TestCluster.get();
        cluster.start(FOURTH);
        cluster.awaitReady(FOURTH);
        await().atMost(Duration.ofSeconds(10)).until(() -> Membership.snapshot().isUp(FOURTH));

        JsonNode[] job = new JsonNode[1];
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            job[0] = AntiEntropy.jobs().stream().filter(j -> j.get("kind").asString().equals("NODE")
                    && j.get("subject").asString().equals(FOURTH)).findFirst().orElse(null);
            return job[0] != null && job[0].get("status").asString().equals("COMPLETED");
        });
        assertThat(job[0].get("reason").asString()).isEqualTo("node-joined");
        assertThat(job[0].get("priority").asInt()).isZero();
        // The /ring page shows the job and what it did, next to the ring it filled.
        String page = Http.get(TestCluster.coordinatorUrl() + "/ring").body();
        assertThat(page).contains("data-job=\"" + job[0].get("id").asLong() + "\" data-kind=\"NODE\" data-subject=\""
                + FOURTH + "\" data-status=\"COMPLETED\"")
                .contains("<td class=\"num\">" + job[0].get("counts").get("entriesRepaired").asLong() + "</td>");

        // Every acknowledged id on every replica, the fourth node included, read from each directly.
        Replicas.Report report = Replicas.check(acked, RF);
        assertThat(report.complete()).as("%s", report).isTrue();
        long onFourth = keys.stream().filter(k -> Membership.snapshot().replicaRing().preferenceList(k, RF)
                .contains(FOURTH)).count();
        assertThat(onFourth).as("keys the fourth node replicates").isBetween(300L, 450L);
        assertThat(job[0].get("counts").get("entriesRepaired").asLong()).isGreaterThanOrEqualTo(onFourth * 40);
    }
}
