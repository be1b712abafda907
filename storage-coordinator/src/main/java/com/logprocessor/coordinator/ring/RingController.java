package com.logprocessor.coordinator.ring;

import com.logprocessor.core.entry.Violation;
import com.logprocessor.core.membership.MemberState;
import com.logprocessor.core.membership.RingEvent;
import com.logprocessor.core.query.PartitionKeys;
import com.logprocessor.core.ring.DistributionStats;
import com.logprocessor.support.membership.MembershipStore;
import com.logprocessor.support.web.InvalidRequestException;
import com.logprocessor.support.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ring over REST: members, where a key goes, the distribution, and forgetting a dead member.
 * Its refusals are {@link ProblemException}s, answered by the shared problem+json mapping.
 */
@RestController
@RequestMapping(path = "/api/coordinator", produces = MediaType.APPLICATION_JSON_VALUE)
public class RingController {

    private final RingStatus status;
    private final DistributionService distribution;
    private final MembershipStore store;
    private final Clock clock;

    public RingController(RingStatus status, DistributionService distribution, MembershipStore store, Clock clock) {
        this.status = status;
        this.distribution = distribution;
        this.store = store;
        this.clock = clock;
    }

    @Operation(summary = "Known storage nodes: state, heartbeat age, tokens, ownership, circuit breaker")
    @GetMapping("/nodes")
    public List<RingStatus.MemberStatus> nodes() {
        return status.members();
    }

    @Operation(summary = "Entries per UP storage node and how even that is (the Day 24 seed's fields)")
    @GetMapping("/metrics/distribution")
    public DistributionStats distribution() {
        return distribution.current();
    }

    @Operation(summary = "The token, owner and replicas of a key")
    @GetMapping("/node/{key}")
    public RingStatus.KeyPlacement node(@PathVariable String key) {
        List<Violation> violations = PartitionKeys.check("key", key);
        if (!violations.isEmpty()) {
            throw InvalidRequestException.of("not a partition key", violations);
        }
        if (status.ring().isEmpty()) {
            throw new NoNodesException();
        }
        return status.placement(key);
    }

    @Operation(summary = "Forget a DOWN node for good: its tokens are released and it will not be expected back")
    @DeleteMapping("/nodes/{nodeId}")
    public ResponseEntity<Void> forget(@PathVariable String nodeId) {
        forgetNode(nodeId);
        return ResponseEntity.noContent().build();
    }

    /** Shared with the /ring page's Forget button. */
    void forgetNode(String nodeId) {
        var member = status.snapshot().member(nodeId).orElseThrow(() -> new UnknownNodeException(nodeId));
        if (member.state() == MemberState.UP || !store.forget(nodeId)) {
            throw new NodeIsUpException(nodeId);
        }
        store.publish(new RingEvent(RingEvent.Type.FORGET, nodeId, clock.instant()));
    }

    static class UnknownNodeException extends ProblemException {
        UnknownNodeException(String nodeId) {
            super(HttpStatus.NOT_FOUND, HttpStatus.NOT_FOUND.getReasonPhrase(),
                    "no storage node '" + nodeId + "' is known");
        }
    }

    static class NodeIsUpException extends ProblemException {
        NodeIsUpException(String nodeId) {
            super(HttpStatus.CONFLICT, HttpStatus.CONFLICT.getReasonPhrase(),
                    nodeId + " is up: only a DOWN node can be forgotten (stop it first)");
        }
    }

    static class NoNodesException extends ProblemException {
        NoNodesException() {
            super(HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase(),
                    "no storage node is up: the ring is empty");
        }
    }
}
