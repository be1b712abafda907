package com.logprocessor.merkle.tree;

import com.logprocessor.core.entry.Violation;
import com.logprocessor.core.query.PartitionKeys;
import com.logprocessor.merkle.node.NodeResolver;
import java.util.ArrayList;
import java.util.List;

/**
 * Body of {@code POST /api/merkle/build}.
 *
 * @param partitionId the partition key
 * @param nodeUrl the storage node: its URL, or its id ({@code storage-node-1})
 * @param node the same, under the name an id reads best with; give one of the two
 */
public record BuildRequest(String partitionId, String nodeUrl, String node) {

    public NodeResolver.Given givenNode() {
        return NodeResolver.Given.of("nodeUrl", nodeUrl, "node", node);
    }

    /** Every reason to refuse the request before anything is looked up. */
    public List<Violation> violations(NodeResolver nodes) {
        List<Violation> out = new ArrayList<>(PartitionKeys.check("partitionId", partitionId));
        out.addAll(nodes.check(givenNode()));
        return out;
    }
}
