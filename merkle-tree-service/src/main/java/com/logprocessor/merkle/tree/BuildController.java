package com.logprocessor.merkle.tree;

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

/** {@code POST /api/merkle/build}; errors are problem+json. */
@RestController
@RequestMapping(path = "/api/merkle", produces = MediaType.APPLICATION_JSON_VALUE)
public class BuildController {

    private final NodeResolver nodes;
    private final TreeBuilder builder;

    public BuildController(NodeResolver nodes, TreeBuilder builder) {
        this.nodes = nodes;
        this.builder = builder;
    }

    @Operation(summary = "Build a node's Merkle tree of a partition from its segment digests: root, depth, segment "
            + "size, leaf count, segments, entries and build time; answered from the Redis cache when the node's "
            + "digests have not changed since the tree was built",
            description = "nodeUrl (or node) is a storage node's URL or its id in ring membership. 400 for bad "
                    + "input, 404 for an unknown node id, 409 if the node's segment size is not merkle.segment.size, "
                    + "503 if the node does not answer.")
    @PostMapping("/build")
    public BuildAnswer build(@RequestBody BuildRequest request) {
        List<Violation> violations = request.violations(nodes);
        if (!violations.isEmpty()) {
            throw InvalidRequestException.of("invalid build request", violations);
        }
        NodeResolver.Given node = request.givenNode();
        return BuildAnswer.of(builder.build(nodes.resolve(node), node.field(), request.partitionId()));
    }
}
