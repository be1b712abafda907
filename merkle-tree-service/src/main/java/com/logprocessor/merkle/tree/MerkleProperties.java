package com.logprocessor.merkle.tree;

import com.logprocessor.core.merkle.MerkleTree;
import com.logprocessor.core.merkle.Segments;
import com.logprocessor.support.config.Durations;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Merkle tree settings ({@code merkle.*}), with the design's defaults; the design's names
 * ({@code merkle.tree.depth}, {@code merkle.segment.size}) bind exactly. Other keys under the
 * prefix are ignored: {@code merkle.url} (where this service is) is given to every service.
 *
 * @param tree the trees' shape ({@code merkle.tree.*})
 * @param segment the segmentation the storage nodes' digests must use ({@code merkle.segment.*})
 * @param cache built trees kept in Redis ({@code merkle.cache.*})
 * @param node calls to storage nodes ({@code merkle.node.*})
 */
@Validated
@ConfigurationProperties("merkle")
public record MerkleProperties(
        @DefaultValue @Valid @NotNull Tree tree,
        @DefaultValue @Valid @NotNull Segment segment,
        @DefaultValue @Valid @NotNull Cache cache,
        @DefaultValue @Valid @NotNull Node node) {

    /**
     * @param depth levels below the root ({@code merkle.tree.depth}, 10): {@code 2^depth} leaves,
     *        each covering a power-of-two run of segments wide enough to reach the partition's
     *        highest segment
     */
    public record Tree(@DefaultValue("" + MerkleTree.DEFAULT_DEPTH) @Min(0) @Max(MerkleTree.MAX_DEPTH) int depth) {
    }

    /**
     * @param size sequences per segment digest ({@code merkle.segment.size}, 1000): must equal the
     *        storage nodes' {@code segment.size}; a node serving digests of another size is refused,
     *        since trees over different segmentations cannot be compared
     */
    public record Segment(@DefaultValue("" + Segments.DEFAULT_SIZE) @Min(1) @Max(1_000_000) int size) {

        public Segments segments() {
            return new Segments(size);
        }
    }

    /**
     * @param ttl how long a built tree stays in Redis unused (10 min); a cached tree is only ever
     *        answered for the very digests it was built from, so the TTL bounds memory, not staleness
     * @param keyPrefix prefix of the cache's Redis keys ({@code merkle})
     */
    public record Cache(
            @DefaultValue("10m") @NotNull Duration ttl,
            @DefaultValue("merkle") @NotBlank String keyPrefix) {

        public Cache {
            Durations.requirePositive("merkle.cache.ttl", ttl);
        }
    }

    /**
     * @param connectTimeout connecting to a storage node (1 s)
     * @param timeout one digests request to a storage node (5 s); a node that has not answered by
     *        then is answered 503
     */
    public record Node(
            @DefaultValue("1s") @NotNull Duration connectTimeout,
            @DefaultValue("5s") @NotNull Duration timeout) {

        public Node {
            Durations.requirePositive("merkle.node.connect-timeout", connectTimeout);
            Durations.requirePositive("merkle.node.timeout", timeout);
        }
    }

}
