package com.logprocessor.merkle.tree;

import com.logprocessor.core.merkle.MerkleTree;
import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.merkle.metrics.MerkleMetrics;
import com.logprocessor.merkle.node.DigestReader;
import com.logprocessor.merkle.node.ResolvedNode;
import com.logprocessor.support.web.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A node's tree of a partition from its segment digests (never its entries). Every build reads
 * the digests (one per {@code merkle.segment.size} entries: small) and fingerprints them; the tree
 * cached for that node and partition is taken only when it was built from the same fingerprint,
 * otherwise the tree is built and cached. So a cached tree is never used once the node's digests
 * have changed. What the cache saves is the tree itself: {@code 2^(depth+1)} hashes however few
 * digests a partition has, against one pass over its digests for the fingerprint.
 */
@Service
public class TreeBuilder {

    private final DigestReader reader;
    private final TreeCache cache;
    private final MerkleMetrics metrics;
    private final int depth;
    private final int segmentSize;

    public TreeBuilder(DigestReader reader, TreeCache cache, MerkleMetrics metrics, MerkleProperties properties) {
        this.reader = reader;
        this.cache = cache;
        this.metrics = metrics;
        this.depth = properties.tree().depth();
        this.segmentSize = properties.segment().size();
    }

    /** Reads {@code node}'s digests of {@code partitionId} and produces its tree. */
    public PartitionTree build(ResolvedNode node, String field, String partitionId) {
        return fromDigests(partitionId, reader.start(node, field, partitionId).await());
    }

    /** The tree of digests already read (a comparison reads both nodes' at once). */
    public PartitionTree fromDigests(String partitionId, DigestReader.Digests read) {
        long start = System.nanoTime();
        ResolvedNode node = read.node();
        List<SegmentDigest> digests = read.digests().digests();
        String fingerprint = DigestFingerprint.of(depth, segmentSize, digests);
        CachedTree hit = cache.get(node.url(), partitionId)
                .filter(c -> c.fingerprint().equals(fingerprint))
                .orElse(null);
        PartitionTree tree;
        if (hit != null) {
            metrics.cacheHit();
            tree = new PartitionTree(node, partitionId, digests, hit, null, true, elapsed(read, start));
        } else {
            metrics.cacheMiss();
            MerkleTree built = build(node, digests);
            CachedTree summary = new CachedTree(fingerprint, built.rootHash(), depth, segmentSize,
                    built.segmentsPerLeaf(), built.digests().size(), built.entryCount(), System.currentTimeMillis());
            cache.put(node.url(), partitionId, summary);
            tree = new PartitionTree(node, partitionId, digests, summary, built, false, elapsed(read, start));
        }
        metrics.built(tree.buildNanos());
        return tree;
    }

    private MerkleTree build(ResolvedNode node, List<SegmentDigest> digests) {
        try {
            return MerkleTree.build(digests, depth);
        } catch (IllegalArgumentException e) {
            // A node serving the same segment twice: its digests are not a partition's.
            throw new ProblemException(HttpStatus.BAD_GATEWAY, "Bad answer from a storage node",
                    "node " + node.label() + " served digests no tree can be built from: " + e.getMessage());
        }
    }

    private static long elapsed(DigestReader.Digests read, long start) {
        return read.readNanos() + (System.nanoTime() - start);
    }
}
