package com.logprocessor.merkle.compare;

import com.logprocessor.core.entry.Violation;
import com.logprocessor.merkle.node.NodeResolver;
import com.logprocessor.support.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/merkle/compare}; errors are problem+json. */
@RestController
@RequestMapping(path = "/api/merkle", produces = MediaType.APPLICATION_JSON_VALUE)
public class CompareController {

    private final NodeResolver nodes;
    private final CompareService compare;

    public CompareController(NodeResolver nodes, CompareService compare) {
        this.nodes = nodes;
        this.compare = compare;
    }

    @Operation(summary = "Compare two replicas of a partition by their Merkle trees: whether they are consistent, "
            + "both roots, and the differing segments with their sequence ranges and each replica's digest",
            description = "node1Url and node2Url are storage nodes' URLs or ids in ring membership. Walks both trees "
                    + "top-down, descending only into differing subtrees. 400 for bad input, 404 for an unknown node "
                    + "id, 409 if a node's segment size is not merkle.segment.size, 503 if a node does not answer.")
    @PostMapping("/compare")
    public CompareAnswer compare(@RequestBody CompareRequest request) {
        List<Violation> violations = request.violations(nodes);
        if (!violations.isEmpty()) {
            throw InvalidRequestException.of("invalid compare request", violations);
        }
        NodeResolver.Given first = request.first();
        NodeResolver.Given second = request.second();
        return compare.compare(request.partitionId(),
                new CompareService.Replica(nodes.resolve(first), first.field()),
                new CompareService.Replica(nodes.resolve(second), second.field()));
    }
}
