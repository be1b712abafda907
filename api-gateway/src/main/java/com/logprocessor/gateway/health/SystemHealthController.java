package com.logprocessor.gateway.health;

import com.logprocessor.core.membership.Member;
import com.logprocessor.core.membership.MembershipSnapshot;
import com.logprocessor.support.membership.ReplicationProperties;
import com.logprocessor.support.membership.RingView;
import io.swagger.v3.oas.annotations.Operation;
import com.logprocessor.gateway.coordinator.CoordinatorClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/health}: the readiness of everything behind the gateway, in one answer an
 * operator (or a load balancer) can read. UP: all fine. DEGRADED (still 200): some storage nodes
 * are down but every key still has a quorum of live replicas. DOWN (503): Kafka or the
 * coordinator is unavailable, or too few storage nodes are up for quorum writes.
 */
@RestController
public class SystemHealthController implements DisposableBean {

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(2);

    private final AdminClient kafka;
    private final CoordinatorClient coordinator;
    private final RingView ringView;
    private final ReplicationProperties replication;

    public SystemHealthController(KafkaAdmin kafkaAdmin, CoordinatorClient coordinator, RingView ringView,
                                  ReplicationProperties replication) {
        this.kafka = AdminClient.create(kafkaAdmin.getConfigurationProperties());
        this.coordinator = coordinator;
        this.ringView = ringView;
        this.replication = replication;
    }

    public record Component(String status, String detail) {
    }

    public record SystemHealth(String status, Map<String, Component> components) {
    }

    @Operation(summary = "Readiness of the gateway and everything behind it")
    @GetMapping("/api/health")
    public ResponseEntity<SystemHealth> health() {
        Map<String, Component> components = new LinkedHashMap<>();
        components.put("gateway", new Component("UP", "accepting requests"));
        components.put("kafka", kafka());
        components.put("storage-coordinator", coordinator());
        MembershipSnapshot snapshot = ringView.snapshot();
        for (Member m : snapshot.members().values()) {
            components.put(m.nodeId(), new Component(m.state().name(), m.url()));
        }
        long up = snapshot.up().size();
        int quorum = replication.factor() / 2 + 1;
        boolean infraUp = components.get("kafka").status().equals("UP")
                && components.get("storage-coordinator").status().equals("UP");
        String status;
        if (!infraUp || snapshot.members().isEmpty() || up < Math.min(quorum, snapshot.members().size())) {
            status = "DOWN";
        } else if (up < snapshot.members().size()) {
            status = "DEGRADED";
        } else {
            status = "UP";
        }
        return ResponseEntity.status(status.equals("DOWN") ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK)
                .body(new SystemHealth(status, components));
    }

    private Component kafka() {
        try {
            int brokers = kafka.describeCluster(new DescribeClusterOptions().timeoutMs((int) KAFKA_TIMEOUT.toMillis()))
                    .nodes().get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            return new Component("UP", brokers + " broker(s)");
        } catch (Exception e) {
            return new Component("DOWN", "Kafka did not answer: " + e.getClass().getSimpleName());
        }
    }

    private Component coordinator() {
        return coordinator.isReady() ? new Component("UP", coordinator.url().toString())
                : new Component("DOWN", coordinator.url() + " is not ready or did not answer");
    }

    @Override
    public void destroy() {
        kafka.close();
    }
}
