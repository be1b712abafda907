package com.logprocessor.readrepair.repair;

import static com.logprocessor.readrepair.testing.Entries.entry;
import static com.logprocessor.readrepair.testing.Entries.request;
import static com.logprocessor.readrepair.testing.Entries.unique;
import static com.logprocessor.readrepair.testing.Entries.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.readrepair.testing.RepairTestSupport;
import com.logprocessor.support.testing.FakeStorageNodes.Node;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Requests on read-repairs heal stale UP replicas with the newest copy, and only with it. */
class StaleReplicaRepairTest extends RepairTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aStaleReplicaGetsTheNewestVersionAndTheOthersAreLeftAlone() {
        List<Node> nodes = cluster();
        Node a = nodes.get(0);
        Node b = nodes.get(1);
        Node c = nodes.get(2);
        String key = unique("stale");
        UUID id = UUID.randomUUID();
        LogEntry newest = entry(id, key, 1, 2, "coordinator-1");
        a.fake().hold(newest);
        b.fake().hold(newest);
        c.fake().hold(entry(id, key, 1, 1, "coordinator-1"));
        double repaired = counter("read.repairs.completed", "outcome", "repaired");
        double written = counter("read.repair.replicas.written");

        publish(request(key, 1, newest.version(), c.id()));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(c.fake().copy(key, 1)).contains(newest);
            assertThat(counter("read.repairs.completed", "outcome", "repaired")).isEqualTo(repaired + 1);
            assertThat(counter("read.repair.replicas.written")).isEqualTo(written + 1);
        });
        assertThat(a.fake().writes(key, 1)).isZero();
        assertThat(b.fake().writes(key, 1)).isZero();
        nodes.forEach(n -> assertThat(n.fake().reads(key, 1)).as("reads of %s", n.id()).isEqualTo(1));
    }

    @Test
    void everyReplicaWithoutTheEntryGetsIt() {
        List<Node> nodes = cluster();
        String key = unique("missing");
        LogEntry only = entry(UUID.randomUUID(), key, 4, 1, "coordinator-1");
        nodes.get(1).fake().hold(only);
        double written = counter("read.repair.replicas.written");

        publish(request(key, 4, only.version(), nodes.get(0).id()));

        await().atMost(WAIT).untilAsserted(() -> {
            nodes.forEach(n -> assertThat(n.fake().copy(key, 4)).contains(only));
            assertThat(counter("read.repair.replicas.written")).isEqualTo(written + 2);
        });
    }

    @Test
    void anOlderVersionNeverOverwritesANewerOne() {
        List<Node> nodes = cluster();
        Node a = nodes.get(0);
        Node b = nodes.get(1);
        Node c = nodes.get(2);
        String key = unique("older");
        UUID id = UUID.randomUUID();
        LogEntry v5 = entry(id, key, 1, 5, "coordinator-1");
        LogEntry v7 = entry(id, key, 1, 7, "coordinator-2");
        a.fake().hold(v5);
        b.fake().hold(v7);
        double repaired = counter("read.repairs.completed", "outcome", "repaired");

        // The reader saw v5 as the newest and took b for stale: the repair re-reads and finds v7.
        publish(request(key, 1, v5.version(), b.id(), c.id()));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(counter("read.repairs.completed", "outcome", "repaired")).isEqualTo(repaired + 1);
            nodes.forEach(n -> assertThat(n.fake().copy(key, 1)).as("copy on %s", n.id()).contains(v7));
        });
        assertThat(b.fake().writes(key, 1)).as("b held the newest: nothing to write there").isZero();
    }

    @Test
    void aCopyNewerThanTheRepairsIsKeptByTheNode() {
        List<Node> nodes = cluster();
        Node c = nodes.get(2);
        String key = unique("race");
        UUID id = UUID.randomUUID();
        LogEntry v1 = entry(id, key, 3, 1, "coordinator-1");
        LogEntry v2 = entry(id, key, 3, 2, "coordinator-1");
        nodes.get(0).fake().hold(v1);
        nodes.get(1).fake().hold(v1);
        double written = counter("read.repair.replicas.written");

        publish(request(key, 3, v1.version(), c.id()));
        await().atMost(WAIT).until(() -> counter("read.repair.replicas.written") == written + 1);
        assertThat(c.fake().copy(key, 3)).contains(v1);

        // A newer write lands on c; the nodes still holding v1 are then reported and repaired to v2,
        // and a repeat of the old request (v1, already consistent) changes nothing.
        c.fake().hold(v2);
        publish(request(key, 3, v1.version(), c.id()));
        publish(request(key, 3, v2.version(), nodes.get(0).id(), nodes.get(1).id()));
        await().atMost(WAIT).untilAsserted(() ->
                nodes.forEach(n -> assertThat(n.fake().copy(key, 3)).as("copy on %s", n.id()).contains(v2)));
        assertThat(c.fake().writes(key, 3)).isEqualTo(1);
    }

    @Test
    void aDownReplicaIsSkippedAndCounted() {
        List<Node> nodes = cluster();
        Node down = nodes.get(2);
        down(down);
        int requestsBefore = down.fake().requests();
        String key = unique("down");
        LogEntry e = entry(UUID.randomUUID(), key, 1, 1, "coordinator-1");
        nodes.get(0).fake().hold(e);
        double skipped = counter("read.repair.replicas.down");
        double repaired = counter("read.repairs.completed", "outcome", "repaired");

        publish(request(key, 1, e.version(), nodes.get(1).id(), down.id()));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(nodes.get(1).fake().copy(key, 1)).contains(e);
            assertThat(counter("read.repair.replicas.down")).isEqualTo(skipped + 1);
            assertThat(counter("read.repairs.completed", "outcome", "repaired")).isEqualTo(repaired + 1);
        });
        assertThat(down.fake().requests()).isEqualTo(requestsBefore);
        assertThat(down.fake().copy(key, 1)).isEmpty();
    }

    @Test
    void anEntryNoReplicaHoldsIsNothingToRepair() {
        List<Node> nodes = cluster();
        String key = unique("absent");
        double absent = counter("read.repairs.completed", "outcome", "absent");
        double failed = total("read.repairs.failed");

        publish(request(key, 9, version(1), nodes.get(0).id()));

        await().atMost(WAIT).until(() -> counter("read.repairs.completed", "outcome", "absent") == absent + 1);
        assertThat(total("read.repairs.failed")).isEqualTo(failed);
        nodes.forEach(n -> assertThat(n.fake().writes(key, 9)).isZero());
    }

    @Test
    void aReplicaThatRefusesTheWriteFailsTheRepairAndALaterRequestTriesAgain() {
        List<Node> nodes = cluster();
        Node c = nodes.get(2);
        c.fake().failStoresWithStatus = 503;
        String key = unique("refused");
        LogEntry e = entry(UUID.randomUUID(), key, 1, 1, "coordinator-1");
        nodes.get(0).fake().hold(e);
        nodes.get(1).fake().hold(e);
        double unreachable = counter("read.repairs.failed", "reason", "unreachable");

        publish(request(key, 1, e.version(), c.id()));
        await().atMost(WAIT).until(() -> counter("read.repairs.failed", "reason", "unreachable") == unreachable + 1);
        assertThat(c.fake().copy(key, 1)).isEmpty();

        // Not remembered as consistent, so the same request is repaired again, not collapsed.
        c.fake().failStoresWithStatus = 0;
        publish(request(key, 1, e.version(), c.id()));
        await().atMost(WAIT).untilAsserted(() -> assertThat(c.fake().copy(key, 1)).contains(e));
    }

    @Test
    void anotherEntryAtTheKeyAndSequenceIsAConflict() {
        List<Node> nodes = cluster();
        String key = unique("conflict");
        LogEntry e = entry(UUID.randomUUID(), key, 1, 1, "coordinator-1");
        LogEntry other = entry(UUID.randomUUID(), key, 1, 1, "coordinator-1");
        nodes.get(0).fake().hold(e);
        nodes.get(1).fake().hold(e);
        nodes.get(2).fake().hold(entry(other.id(), key, 1, 0, "coordinator-1"));
        double conflicts = counter("read.repairs.failed", "reason", "conflict");

        publish(request(key, 1, e.version(), nodes.get(2).id()));

        await().atMost(WAIT).until(() -> counter("read.repairs.failed", "reason", "conflict") == conflicts + 1);
        assertThat(nodes.get(2).fake().copy(key, 1).orElseThrow().id()).isEqualTo(other.id());
    }
}
