package com.logprocessor.it.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.logprocessor.core.membership.MembershipSnapshot;
import com.logprocessor.it.support.Http;
import com.logprocessor.it.support.Membership;
import com.logprocessor.it.support.TestCluster;
import com.logprocessor.localcluster.LocalCluster;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Storage nodes register in Redis, leave on a crash after their TTL, and come back with their tokens. */
@Order(10)
class MembershipIT {

    private static List<String> upInCoordinatorView() {
        JsonNode nodes = Http.getJson(TestCluster.coordinatorUrl() + "/api/coordinator/nodes");
        return StreamSupport.stream(nodes.spliterator(), false)
                .filter(n -> n.get("state").asString().equals("UP")).map(n -> n.get("nodeId").asString()).toList();
    }

    @Test
    void theNodesRegisterAndAppearInTheRing() {
        TestCluster.get();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            MembershipSnapshot snapshot = Membership.snapshot();
            assertThat(snapshot.ring().nodes()).contains("storage-node-1", "storage-node-2", "storage-node-3");
        });
        MembershipSnapshot snapshot = Membership.snapshot();
        for (String node : List.of("storage-node-1", "storage-node-2", "storage-node-3")) {
            assertThat(snapshot.member(node).orElseThrow().tokens()).hasSize(150);
            assertThat(snapshot.urlOf(node)).hasValue(TestCluster.get().url(node));
        }
        // The coordinator hears of joins by event (or, had it missed one, its next reload).
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(upInCoordinatorView())
                .contains("storage-node-1", "storage-node-2", "storage-node-3"));
    }

    @Test
    void aKilledNodeLeavesTheRingAfterItsTtlAndReturnsWithTheSameTokens() {
        LocalCluster cluster = TestCluster.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> Membership.snapshot().isUp("storage-node-2"));
        List<Long> tokens = Membership.tokensOf("storage-node-2");
        assertThat(tokens).hasSize(150);

        long killedAt = System.nanoTime();
        cluster.kill("storage-node-2");
        // The heartbeat key expires at most one TTL after the last heartbeat; the coordinator's
        // view follows within its expiry check (1 s).
        await().atMost(TestCluster.HEARTBEAT_TTL.plusSeconds(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> !upInCoordinatorView().contains("storage-node-2"));
        Duration detected = Duration.ofNanos(System.nanoTime() - killedAt);
        assertThat(detected).isLessThanOrEqualTo(TestCluster.HEARTBEAT_TTL.plusSeconds(3));
        assertThat(Membership.snapshot().isUp("storage-node-2")).isFalse();
        assertThat(Membership.tokensOf("storage-node-2")).as("a dead node keeps its tokens").isEqualTo(tokens);

        cluster.start("storage-node-2");
        cluster.awaitReady("storage-node-2");
        await().atMost(Duration.ofSeconds(5)).until(() -> upInCoordinatorView().contains("storage-node-2"));
        assertThat(Membership.snapshot().member("storage-node-2").orElseThrow().tokens()).isEqualTo(tokens);
    }
}
