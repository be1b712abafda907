package com.logprocessor.merkle.compare;

import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.core.merkle.Segments;
import com.logprocessor.merkle.compare.CompareAnswer.DifferingSegment;
import com.logprocessor.merkle.compare.CompareAnswer.SegmentSide;
import com.logprocessor.merkle.metrics.MerkleMetrics;
import com.logprocessor.merkle.node.DigestReader;
import com.logprocessor.merkle.node.ResolvedNode;
import com.logprocessor.merkle.tree.MerkleProperties;
import com.logprocessor.merkle.tree.PartitionTree;
import com.logprocessor.merkle.tree.TreeBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Compares two replicas of a partition: reads both nodes' digests at once, produces both trees
 * (cached ones included), and, only if the roots differ, walks the trees top-down with core's
 * {@link com.logprocessor.core.merkle.MerkleTree#diff}, descending only into differing subtrees.
 */
@Service
public class CompareService {

    /** A replica as the request named it: the node, and the field it was given in (for problems). */
    public record Replica(ResolvedNode node, String field) {
    }

    private final DigestReader reader;
    private final TreeBuilder builder;
    private final MerkleMetrics metrics;
    private final Segments segments;

    public CompareService(DigestReader reader, TreeBuilder builder, MerkleMetrics metrics,
                          MerkleProperties properties) {
        this.reader = reader;
        this.builder = builder;
        this.metrics = metrics;
        this.segments = properties.segment().segments();
    }

    public CompareAnswer compare(String partitionId, Replica first, Replica second) {
        long start = System.nanoTime();
        DigestReader.Pending read1 = reader.start(first.node(), first.field(), partitionId);
        DigestReader.Pending read2 = reader.start(second.node(), second.field(), partitionId);
        PartitionTree tree1 = builder.fromDigests(partitionId, read1.await());
        PartitionTree tree2 = builder.fromDigests(partitionId, read2.await());
        List<DifferingSegment> differing = tree1.root() == tree2.root() ? List.of() : differing(tree1, tree2);
        metrics.compared(differing.size());
        return new CompareAnswer(partitionId, first.node().url(), second.node().url(), differing.isEmpty(),
                PartitionTree.hex(tree1.root()), PartitionTree.hex(tree2.root()), differing,
                (System.nanoTime() - start) / 1_000_000);
    }

    private List<DifferingSegment> differing(PartitionTree tree1, PartitionTree tree2) {
        List<Long> found = tree1.merkleTree().diff(tree2.merkleTree());
        Map<Long, SegmentDigest> digests1 = bySegment(tree1.digests());
        Map<Long, SegmentDigest> digests2 = bySegment(tree2.digests());
        return found.stream().map(segment -> new DifferingSegment(segment, segments.firstSequence(segment),
                        segments.lastSequence(segment), side(digests1, segment), side(digests2, segment)))
                .toList();
    }

    private static Map<Long, SegmentDigest> bySegment(List<SegmentDigest> digests) {
        Map<Long, SegmentDigest> out = new HashMap<>(digests.size() * 2);
        digests.forEach(d -> out.put(d.segment(), d));
        return out;
    }

    private static SegmentSide side(Map<Long, SegmentDigest> digests, long segment) {
        SegmentDigest d = digests.getOrDefault(segment, SegmentDigest.empty(segment));
        return d.hasEntries() ? new SegmentSide(PartitionTree.hex(d.hash()), d.count())
                : new SegmentSide(PartitionTree.hex(0), 0);
    }
}
