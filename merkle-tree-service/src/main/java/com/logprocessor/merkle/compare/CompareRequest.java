package com.logprocessor.merkle.compare;

import com.logprocessor.core.entry.Violation;
import com.logprocessor.core.query.PartitionKeys;
import com.logprocessor.merkle.node.NodeResolver;
import java.util.ArrayList;
import java.util.List;

/**
 * Body of {@code POST /api/merkle/compare}.
 *
 * @param partitionId the partition key
 * @param node1Url the first replica: a storage node's URL, or its id ({@code storage-node-1})
 * @param node2Url the second replica, likewise
 * @param node1 the first replica under the name an id reads best with (instead of {@code node1Url})
 * @param node2 likewise for the second
 */
public record CompareRequest(String partitionId, String node1Url, String node2Url, String node1, String node2) {

    public NodeResolver.Given first() {
        return NodeResolver.Given.of("node1Url", node1Url, "node1", node1);
    }

    public NodeResolver.Given second() {
        return NodeResolver.Given.of("node2Url", node2Url, "node2", node2);
    }

    /** Every reason to refuse the request before anything is looked up. */
    public List<Violation> violations(NodeResolver nodes) {
        List<Violation> out = new ArrayList<>(PartitionKeys.check("partitionId", partitionId));
        out.addAll(nodes.check(first()));
        out.addAll(nodes.check(second()));
        return out;
    }
}
