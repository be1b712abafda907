package com.logprocessor.antientropy.planning;

import com.logprocessor.support.antientropy.RepairJob;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.logprocessor.core.entry.Violation;
import com.logprocessor.core.query.PartitionKeys;
import com.logprocessor.core.text.Texts;
import com.logprocessor.support.antientropy.RepairReason;
import com.logprocessor.support.membership.RingView;
import com.logprocessor.support.web.InvalidRequestException;
import com.logprocessor.support.web.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/coordinator/trigger}: a cycle over every range now, or ({@code ?partitionKey=})
 * one partition, or ({@code ?node=}) every range one node replicates. Answers 202 with the queued
 * jobs (a pending job for the same subject is joined, not duplicated). {@code ?reason=} (a
 * {@link RepairReason}: {@code trigger} by default) says why and sets the priority: the
 * hint-manager and the storage nodes use it when they know a replica lost writes.
 */
@RestController
@RequestMapping(path = "/api/coordinator", produces = MediaType.APPLICATION_JSON_VALUE)
public class TriggerController {

    private final Planner planner;
    private final RingView ring;

    public TriggerController(Planner planner, RingView ring) {
        this.planner = planner;
        this.ring = ring;
    }

    /** The cycle started (null for a single partition or node) and its jobs. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Triggered(Long cycleId, List<RepairJob> jobs) {
    }

    @PostMapping("/trigger")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Triggered trigger(@RequestParam(required = false) String partitionKey,
            @RequestParam(required = false) String node, @RequestParam(defaultValue = "trigger") String reason) {
        RepairReason why = RepairReason.of(reason).orElseThrow(() -> new InvalidRequestException(
                new Violation("reason", "must be one of " + RepairReason.labels() + ", was '"
                        + Texts.abbreviate(reason, 40) + "'")));
        if (partitionKey != null && node != null) {
            throw new InvalidRequestException(new Violation("partitionKey",
                    "give partitionKey or node, not both (or neither, for every range)"));
        }
        if (partitionKey != null) {
            List<Violation> violations = PartitionKeys.check("partitionKey", partitionKey);
            if (!violations.isEmpty()) {
                throw InvalidRequestException.of("the partition to repair", violations);
            }
            return new Triggered(null, List.of(planner.partition(partitionKey, why.label(), Priority.of(why))));
        }
        if (node != null) {
            if (node.isBlank()) {
                throw new InvalidRequestException(new Violation("node", "must be a ring member's id, was blank"));
            }
            if (!ring.snapshot().members().containsKey(node)) {
                throw ProblemException.notFound("node '" + node + "' is not a ring member; members: "
                        + ring.snapshot().members().keySet());
            }
            return new Triggered(null, List.of(planner.node(node, why.label(), Priority.of(why))));
        }
        return planner.triggeredCycle().map(c -> new Triggered(c.id(), c.jobs()))
                .orElseThrow(() -> new ProblemException(HttpStatus.CONFLICT, "No ring members",
                        "no storage node is a ring member yet: there is nothing to compare"));
    }
}
