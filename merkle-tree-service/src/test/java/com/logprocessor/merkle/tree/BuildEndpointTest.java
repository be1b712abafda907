package com.logprocessor.merkle.tree;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.merkle.MerkleTree;
import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.merkle.testing.MerkleTestSupport;
import com.logprocessor.support.testing.FakeStorageNode;
import com.logprocessor.support.testing.FakeStorageNodes.Node;
import com.logprocessor.support.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/merkle/build}: trees from a node's digests, cached until the digests change. */
class BuildEndpointTest extends MerkleTestSupport {

    @Autowired
    TreeCache cache;

    @Test
    void buildsTheTreeOfANodesDigestsByIdAndAnswersItFromTheCacheUntilTheDigestsChange() {
        Node node = node();
        String partition = unique("partition");
        List<SegmentDigest> digests = new ArrayList<>(fullSegments(1, 3));
        digests.add(new SegmentDigest(3, 42, 17)); // a partial last segment
        digests.add(SegmentDigest.empty(9)); // an empty digest is no segment
        node.fake().digests(partition, digests);
        MerkleTree expected = MerkleTree.build(digests, 10);

        JsonNode first = post("/api/merkle/build", Map.of("partitionId", partition, "nodeUrl", node.id())).ok();
        assertThat(first.get("partitionId").asString()).isEqualTo(partition);
        assertThat(first.get("node").asString()).isEqualTo(node.id());
        assertThat(first.get("nodeUrl").asString()).isEqualTo(node.url());
        assertThat(first.get("root").asString()).isEqualTo(String.format("%016x", expected.rootHash()))
                .hasSize(16);
        assertThat(first.get("depth").asInt()).isEqualTo(10);
        assertThat(first.get("segmentSize").asInt()).isEqualTo(1000);
        assertThat(first.get("leafCount").asLong()).isEqualTo(1024);
        assertThat(first.get("segmentsPerLeaf").asLong()).isEqualTo(1);
        assertThat(first.get("segments").asInt()).isEqualTo(4);
        assertThat(first.get("entries").asLong()).isEqualTo(3017);
        assertThat(first.get("buildMillis").asLong()).isNotNegative();
        assertThat(first.get("cached").asBoolean()).isFalse();

        JsonNode second = post("/api/merkle/build", Map.of("partitionId", partition, "node", node.id())).ok();
        assertThat(second.get("cached").asBoolean()).isTrue();
        assertThat(second.get("root").asString()).isEqualTo(first.get("root").asString());
        assertThat(second.get("entries").asLong()).isEqualTo(3017);
        assertThat(node.fake().digestRequests()).as("every build reads the digests").isEqualTo(2);

        // One entry more in segment 3: the cached tree is for other digests and is not used.
        digests.set(3, new SegmentDigest(3, 42 ^ 7, 18));
        node.fake().digests(partition, digests);
        JsonNode changed = post("/api/merkle/build", Map.of("partitionId", partition, "nodeUrl", node.id())).ok();
        assertThat(changed.get("cached").asBoolean()).isFalse();
        assertThat(changed.get("root").asString())
                .isEqualTo(String.format("%016x", MerkleTree.build(digests, 10).rootHash()))
                .isNotEqualTo(first.get("root").asString());
        assertThat(changed.get("entries").asLong()).isEqualTo(3018);

        JsonNode again = post("/api/merkle/build", Map.of("partitionId", partition, "nodeUrl", node.id())).ok();
        assertThat(again.get("cached").asBoolean()).isTrue();
        assertThat(again.get("root").asString()).isEqualTo(changed.get("root").asString());
    }

    @Test
    void theCachedTreeLivesInRedisWithTheConfiguredTtl() {
        Node node = node();
        String partition = unique("ttl");
        node.fake().digests(partition, fullSegments(2, 5));
        post("/api/merkle/build", Map.of("partitionId", partition, "nodeUrl", node.id())).ok();
        try (TestRedis.Connection redis = TestRedis.connect()) {
            String key = cache.key(node.url(), partition);
            assertThat(key).startsWith("merkle-test:tree:");
            assertThat(redis.template().opsForValue().get(key)).contains("\"fingerprint\"");
            assertThat(redis.template().getExpire(key, TimeUnit.SECONDS))
                    .isBetween(Duration.ofMinutes(9).toSeconds(), Duration.ofMinutes(10).toSeconds());
        }
    }

    @Test
    void aNodeGivenByUrlIsNamedWhenItIsAMemberAndAskedAnywayWhenItIsNot() {
        Node member = node();
        FakeStorageNode outsider = outsider();
        String partition = unique("by-url");
        member.fake().digests(partition, fullSegments(3, 2));
        outsider.digests(partition, fullSegments(3, 2));

        JsonNode byUrl = post("/api/merkle/build", Map.of("partitionId", partition, "nodeUrl", member.url() + "/"))
                .ok();
        assertThat(byUrl.get("node").asString()).isEqualTo(member.id());
        assertThat(byUrl.get("nodeUrl").asString()).isEqualTo(member.url());

        JsonNode outside = post("/api/merkle/build", Map.of("partitionId", partition, "nodeUrl", outsider.url()))
                .ok();
        assertThat(outside.get("node").isNull()).isTrue();
        assertThat(outside.get("root").asString()).isEqualTo(byUrl.get("root").asString());
        assertThat(outside.get("cached").asBoolean()).as("cached per node").isFalse();
    }

    @Test
    void aPartitionTheNodeDoesNotHoldIsAnEmptyTree() {
        Node node = node();
        JsonNode empty = post("/api/merkle/build", Map.of("partitionId", unique("none"), "nodeUrl", node.id())).ok();
        assertThat(empty.get("root").asString()).isEqualTo("0000000000000000");
        assertThat(empty.get("segments").asInt()).isZero();
        assertThat(empty.get("entries").asLong()).isZero();
        assertThat(empty.get("leafCount").asLong()).isEqualTo(1024);
    }

    @Test
    void aWidePartitionGetsWiderLeaves() {
        Node node = node();
        String partition = unique("wide");
        List<SegmentDigest> digests = List.of(new SegmentDigest(0, 1, 1), new SegmentDigest(5000, 2, 1));
        node.fake().digests(partition, digests);
        JsonNode wide = post("/api/merkle/build", Map.of("partitionId", partition, "nodeUrl", node.id())).ok();
        assertThat(wide.get("segmentsPerLeaf").asLong()).isEqualTo(8);
        assertThat(wide.get("root").asString())
                .isEqualTo(String.format("%016x", MerkleTree.build(digests, 10).rootHash()));
    }

    @Test
    void partitionKeysWithReservedCharactersReachTheNodeIntact() {
        Node node = node();
        String partition = unique("a/b c:d?e%f");
        node.fake().digests(partition, fullSegments(4, 1));
        JsonNode built = post("/api/merkle/build", Map.of("partitionId", partition, "nodeUrl", node.id())).ok();
        assertThat(built.get("partitionId").asString()).isEqualTo(partition);
        assertThat(built.get("entries").asLong()).isEqualTo(1000);
    }
}
