package com.logprocessor.gateway.health;

import com.logprocessor.core.membership.Member;
import com.logprocessor.core.membership.MembershipSnapshot;
import com.logprocessor.support.membership.ReplicationProperties;
import com.logprocessor.support.membership.RingView;
import io.swagger.v3.oas.annotations.Operation;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * {@code GET /api/health}: the readiness of everything behind the gateway, in one answer an
 * operator (or a load balancer) can read. UP: all fine. DEGRADED (still 200): some storage nodes
 * are down but every key still has a quorum of live replicas. DOWN (503): Kafka or the
 * coordinator is unavailable, or too few storage nodes are up for quorum writes.
 */
@RestController
@EnableConfigurationProperties(BackendProperties.class)
public class SystemHealthController implements DisposableBean {

    private final AdminClient kafka;
    private final RestClient coordinator;
    private final RingView ringView;
    private final ReplicationProperties replication;
    private final BackendProperties backend;

    public SystemHealthController(KafkaAdmin kafkaAdmin, RingView ringView, ReplicationProperties replication,
                                  BackendProperties backend) {
        this.kafka = AdminClient.create(kafkaAdmin.getConfigurationProperties());
        this.ringView = ringView;
        this.replication = replication;
        this.backend = backend;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(backend.timeout()).build());
        requests.setReadTimeout(backend.timeout());
        this.coordinator = RestClient.builder().baseUrl(backend.url().toString()).requestFactory(requests).build();
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
            int brokers = kafka.describeCluster(new DescribeClusterOptions().timeoutMs((int) backend.timeout().toMillis()))
                    .nodes().get(backend.timeout().toMillis(), TimeUnit.MILLISECONDS).size();
            return new Component("UP", brokers + " broker(s)");
        } catch (Exception e) {
            return new Component("DOWN", "Kafka did not answer: " + e.getClass().getSimpleName());
        }
    }

    private Component coordinator() {
        try {
            String body = coordinator.get().uri("/actuator/health/readiness").retrieve().body(String.class);
            return body != null && body.contains("\"UP\"") ? new Component("UP", backend.url().toString())
                    : new Component("DOWN", "not ready");
        } catch (RuntimeException e) {
            return new Component("DOWN", backend.url() + " did not answer: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void destroy() {
        kafka.close();
    }
}
