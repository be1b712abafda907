package com.logprocessor.merkle.health;

import com.logprocessor.merkle.metrics.MerkleMetrics;
import com.logprocessor.merkle.tree.MerkleProperties;
import com.logprocessor.merkle.tree.TreeCache;
import com.logprocessor.support.membership.RingView;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/merkle/health}: the seed's status page of the service (probes are under /actuator). */
@RestController
@RequestMapping(path = "/api/merkle", produces = MediaType.APPLICATION_JSON_VALUE)
public class HealthController {

    private final MerkleProperties properties;
    private final RingView ring;
    private final TreeCache cache;
    private final MerkleMetrics metrics;

    public HealthController(MerkleProperties properties, RingView ring, TreeCache cache, MerkleMetrics metrics) {
        this.properties = properties;
        this.ring = ring;
        this.cache = cache;
        this.metrics = metrics;
    }

    @Operation(summary = "The service's settings (tree depth, segment size), the storage nodes UP in ring "
            + "membership, and this instance's tree cache hits and misses since it started")
    @GetMapping("/health")
    public MerkleHealth health() {
        boolean redis = cache.available();
        List<MerkleHealth.Node> up = ring.snapshot().up().stream()
                .map(m -> new MerkleHealth.Node(m.nodeId(), m.url()))
                .toList();
        return new MerkleHealth(redis ? "UP" : "DEGRADED", properties.tree().depth(), properties.segment().size(), up,
                new MerkleHealth.Cache(redis, properties.cache().ttl().toSeconds(), metrics.cacheHits(),
                        metrics.cacheMisses()));
    }
}
