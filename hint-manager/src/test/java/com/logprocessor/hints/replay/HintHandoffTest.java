package com.logprocessor.hints.replay;

import static com.logprocessor.hints.testing.Hints.entry;
import static com.logprocessor.hints.testing.Hints.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.version.LamportVersion;
import com.logprocessor.hints.status.HintStats;
import com.logprocessor.hints.status.PendingReport;
import com.logprocessor.hints.testing.HandoffTestSupport;
import com.logprocessor.support.testing.FakeAntiEntropy;
import com.logprocessor.support.testing.FakeStorageNode;
import com.logprocessor.support.testing.FakeStorageNodes.Node;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Hinted handoff end to end inside one hint manager: hints published on the topic as a coordinator
 * does, stored in PostgreSQL, replayed to fake storage nodes as they join ring membership.
 */
class HintHandoffTest extends HandoffTestSupport {

    @Test
    void hintsAreStoredThenReplayedOldestFirstOnceTheirNodeIsUpThenDeleted() {
        String node = node("oldest-first");
        FakeStorageNode fake = fakeNode();
        List<UUID> published = new ArrayList<>();
        long created = System.currentTimeMillis() - 10_000;
        for (int i = 1; i <= 250; i++) { // three batches of at most 100
            LogEntry e = entry("10.0.0." + (i % 7), i);
            published.add(e.id());
            publish(node, e, created + i);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> rows(node) == 250);
        assertThat(counter("hints.stored", "node", node)).isEqualTo(250);

        PendingReport.NodePending pending = pendingOf(node).orElseThrow();
        assertThat(pending.pending()).isEqualTo(250);
        assertThat(pending.state()).isEqualTo(PendingReport.NodeState.UNKNOWN);
        assertThat(pending.oldestAgeSeconds()).isGreaterThanOrEqualTo(9.0);
        await().atMost(Duration.ofSeconds(5)).until(() -> pendingGauge(node) == 250);
        assertThat(fake.requestNanos).isEmpty();

        up(node, fake);

        await().atMost(Duration.ofSeconds(20)).until(() -> fake.delivered.size() == 250);
        assertThat(fake.deliveredIds()).as("oldest first").containsExactlyElementsOf(published);
        await().atMost(Duration.ofSeconds(5)).until(() -> rows(node) == 0);
        assertThat(pendingOf(node)).isEmpty();
        assertThat(fake.requestNanos).hasSize(3);
        assertThat(counter("hints.replayed", "node", node)).isEqualTo(250);
        Timer batches = meters.find("hint.replay.batch").tags("node", node, "outcome", "delivered").timer();
        assertThat(batches).isNotNull();
        assertThat(batches.count()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> pendingGauge(node) == 0);

        HintStats stats = http().get().uri("/api/hints/stats").retrieve().body(HintStats.class);
        assertThat(stats.created()).isGreaterThanOrEqualTo(250);
        assertThat(stats.replayed()).isGreaterThanOrEqualTo(250);
        assertThat(stats.replayRatePerSecond()).isPositive();

        String prometheus = http().get().uri("/actuator/prometheus").accept(MediaType.TEXT_PLAIN)
                .retrieve().body(String.class);
        assertThat(prometheus.lines().filter(l -> l.startsWith("hints_replayed_total{") && l.contains(node)))
                .singleElement().asString().endsWith(" 250.0");
        assertThat(prometheus.lines().filter(l -> l.startsWith("hints_stored_total{") && l.contains(node)))
                .singleElement().asString().endsWith(" 250.0");
        assertThat(prometheus.lines().filter(l -> l.startsWith("hints_pending{") && l.contains(node)))
                .singleElement().asString().endsWith(" 0.0");
        assertThat(prometheus).contains("hint_replay_batch_seconds_count{");
    }

    @Test
    void aDownNodeGetsNothingUntilItIsUpAgain() {
        String node = node("down");
        FakeStorageNode fake = fakeNode();
        Node first = up(node, fake);
        down(first); // known to the ring, not heartbeating
        List<UUID> published = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            LogEntry e = entry("down-key", i);
            published.add(e.id());
            publish(node, e);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> rows(node) == 20);
        assertThat(pendingOf(node).orElseThrow().state()).isEqualTo(PendingReport.NodeState.DOWN);
        // Several periodic checks (every 300 ms) pass: none sends to a DOWN node.
        await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(3))
                .until(() -> fake.requestNanos.isEmpty() && rows(node) == 20);

        up(node, fake);

        await().atMost(Duration.ofSeconds(10)).until(() -> fake.delivered.size() == 20);
        assertThat(fake.deliveredIds()).containsExactlyElementsOf(published);
        await().atMost(Duration.ofSeconds(5)).until(() -> rows(node) == 0);
    }

    @Test
    void hintsThatArePublishedWhileTheirNodeIsUpAreReplayedByThePeriodicCheck() {
        String node = node("already-up");
        FakeStorageNode fake = fakeNode();
        up(node, fake);
        LogEntry e = entry("already-up-key", 1);
        publish(node, e);
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.deliveredIds().equals(List.of(e.id())));
        await().atMost(Duration.ofSeconds(5)).until(() -> rows(node) == 0);
    }

    @Test
    void expiredHintsAreNeverReplayedAndAreCountedAsExpired() {
        String node = node("expiry");
        FakeStorageNode fake = fakeNode();
        long now = System.currentTimeMillis();
        long threeHours = Duration.ofHours(3).toMillis();
        LogEntry longGone = entry("expiry-key", 1);
        LogEntry expiresSoon = entry("expiry-key", 2);
        LogEntry fresh = entry("expiry-key", 3);
        publish(node, longGone, now - threeHours - 60_000);   // expired before it is read
        publish(node, expiresSoon, now - threeHours + 8_000); // stored, then expires while its node is away
        publish(node, fresh, now);
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(node) == 2);
        // The sweep deletes it once expired, and counts it, like the one that arrived expired.
        await().atMost(Duration.ofSeconds(20)).until(() -> rows(node) == 1);
        assertThat(counter("hints.expired", "node", node)).isEqualTo(2);
        assertThat(pendingOf(node).orElseThrow().pending()).isEqualTo(1);
        // The node missed those writes for good: anti-entropy is asked to repair it, ahead of its cycle.
        await().atMost(Duration.ofSeconds(5)).until(() -> FakeAntiEntropy.requests()
                .contains("POST /api/coordinator/trigger?node=" + node + "&reason=hints-expired"));

        up(node, fake);

        await().atMost(Duration.ofSeconds(10)).until(() -> rows(node) == 0);
        assertThat(fake.deliveredIds()).containsExactly(fresh.id());
        assertThat(counter("hints.replayed", "node", node)).isEqualTo(1);
        HintStats stats = http().get().uri("/api/hints/stats").retrieve().body(HintStats.class);
        assertThat(stats.expired()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aNodeThatKeepsFailingIsRetriedWithGrowingBackoffThenItsHintsAreGivenUp() {
        String node = node("failing");
        FakeStorageNode fake = fakeNode();
        fake.failStoresWithStatus = 503;
        for (int i = 1; i <= 3; i++) {
            publish(node, entry("failing-key", i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(node) == 3);
        up(node, fake); // one batch of three, from here on
        // Attempts grow one failure at a time...
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts(node).equals(List.of(1, 1, 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts(node).equals(List.of(2, 2, 2)));
        // ...and the third (hint.max.retries) failure gives them up.
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(node) == 0);
        assertThat(counter("hints.failed", "node", node, "reason", "max-retries")).isEqualTo(3);
        assertThat(counter("hints.replayed", "node", node)).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> FakeAntiEntropy.requests()
                .contains("POST /api/coordinator/trigger?node=" + node + "&reason=hints-dropped"));
        // One request per attempt, each after the backoff of the one before: 300 ms, then 600 ms.
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2))
                .until(() -> fake.requestNanos.size() == 3);
        List<Long> at = fake.requestNanos;
        long firstGap = Duration.ofNanos(at.get(1) - at.get(0)).toMillis();
        long secondGap = Duration.ofNanos(at.get(2) - at.get(1)).toMillis();
        assertThat(firstGap).isGreaterThanOrEqualTo(290);
        assertThat(secondGap).isGreaterThanOrEqualTo(590);
        HintStats stats = http().get().uri("/api/hints/stats").retrieve().body(HintStats.class);
        assertThat(stats.failed()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aNodeThatRecoversBeforeTheLastAttemptGetsItsHints() {
        String node = node("recovers");
        FakeStorageNode fake = fakeNode();
        fake.failuresLeft.set(2);
        List<UUID> published = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            LogEntry e = entry("recovers-key", i);
            published.add(e.id());
            publish(node, e);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(node) == 3);
        up(node, fake);
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.delivered.size() == 3);
        assertThat(fake.deliveredIds()).containsExactlyElementsOf(published);
        assertThat(fake.requestNanos).as("two failed attempts of the batch, then its delivery").hasSize(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> rows(node) == 0);
        assertThat(counter("hints.replayed", "node", node)).isEqualTo(3);
        assertThat(counter("hints.failed", "node", node, "reason", "max-retries")).isZero();
    }

    @Test
    void aResentHintWithANewerVersionReplacesTheStoredOneAndAnOlderOneDoesNot() {
        String node = node("versions");
        FakeStorageNode fake = fakeNode();
        UUID id = UUID.randomUUID();
        publish(node, entry(id, "versions-key", 1, 5, "coordinator-a"));
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(node) == 1);
        publish(node, entry(id, "versions-key", 1, 7, "coordinator-a"));   // newer: replaces
        publish(node, entry(id, "versions-key", 1, 6, "coordinator-z"));   // older counter: ignored
        publish(node, entry(id, "versions-key", 1, 7, "coordinator-0"));   // same counter, smaller writer: ignored
        LogEntry sentinel = entry("versions-key", 2); // same key, same partition: read after the three
        publish(node, sentinel);
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(node) == 2);
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT version_counter, version_writer FROM hints WHERE target_node = ? AND entry_id = ?", node, id);
        assertThat(row).containsEntry("version_counter", 7L).containsEntry("version_writer", "coordinator-a");
        assertThat(counter("hints.stored", "node", node)).as("one hint per entry").isEqualTo(2);

        up(node, fake);

        await().atMost(Duration.ofSeconds(10)).until(() -> fake.delivered.size() == 2);
        assertThat(fake.delivered.get(0).id()).isEqualTo(id);
        assertThat(fake.delivered.get(0).version()).isEqualTo(new LamportVersion(7, "coordinator-a"));
        assertThat(fake.deliveries.get(id)).hasValue(1);
    }

    @Test
    void aHintTheNodeRefusesForGoodIsDeletedAndCountedAsAConflict() {
        String node = node("conflict");
        FakeStorageNode fake = fakeNode();
        LogEntry refused = entry("conflict-key", 1);
        LogEntry taken = entry("conflict-key", 2);
        fake.conflicting.add(refused.id());
        publish(node, refused);
        publish(node, taken);
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(node) == 2);

        up(node, fake);

        await().atMost(Duration.ofSeconds(10)).until(() -> rows(node) == 0);
        assertThat(fake.deliveredIds()).containsExactly(taken.id());
        assertThat(counter("hints.failed", "node", node, "reason", "conflict")).isEqualTo(1);
        assertThat(counter("hints.replayed", "node", node)).isEqualTo(1);
    }

    private List<Integer> attempts(String node) {
        return jdbc.queryForList("SELECT attempts FROM hints WHERE target_node = ? ORDER BY id", Integer.class, node);
    }

    private Optional<PendingReport.NodePending> pendingOf(String node) {
        PendingReport report = http().get().uri("/api/hints/pending").retrieve().body(PendingReport.class);
        assertThat(report.total()).isEqualTo(report.nodes().stream().mapToLong(PendingReport.NodePending::pending).sum());
        return report.nodes().stream().filter(n -> n.node().equals(node)).findFirst();
    }

    private double pendingGauge(String node) {
        Gauge gauge = meters.find("hints.pending").tags("node", node).gauge();
        return gauge == null ? -1 : gauge.value();
    }
}
