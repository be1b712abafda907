package com.logprocessor.merkle.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.merkle.testing.MerkleTestSupport;
import com.logprocessor.support.testing.FakeStorageNodes.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/merkle/compare}: two replicas' trees, down to exactly the differing segments. */
class CompareEndpointTest extends MerkleTestSupport {

    @Test
    void replicasWithEqualDigestsAreConsistent() {
        Node a = node();
        Node b = node();
        String partition = unique("equal");
        a.fake().digests(partition, fullSegments(10, 800));
        b.fake().digests(partition, fullSegments(10, 800));
        double consistent = counter("merkle.tree.comparisons", "outcome", "consistent");

        JsonNode answer = post("/api/merkle/compare",
                Map.of("partitionId", partition, "node1Url", a.id(), "node2Url", b.url())).ok();

        assertThat(answer.get("partitionId").asString()).isEqualTo(partition);
        assertThat(answer.get("consistent").asBoolean()).isTrue();
        assertThat(answer.get("root1").asString()).isEqualTo(answer.get("root2").asString())
                .isNotEqualTo("0000000000000000");
        assertThat(answer.get("differingSegments")).isEmpty();
        assertThat(answer.get("node1Url").asString()).isEqualTo(a.url());
        assertThat(answer.get("node2Url").asString()).isEqualTo(b.url());
        assertThat(answer.get("comparedMillis").asLong()).isNotNegative();
        assertThat(counter("merkle.tree.comparisons", "outcome", "consistent")).isEqualTo(consistent + 1);
    }

    @Test
    void replicasDifferingInSegments3And700AnswerExactlyThoseWithTheirSequenceRanges() {
        Node a = node();
        Node b = node();
        String partition = unique("differ");
        List<SegmentDigest> first = fullSegments(20, 801);
        List<SegmentDigest> second = new ArrayList<>(first);
        second.set(3, new SegmentDigest(3, first.get(3).hash() ^ 0x5a5a, 999)); // an entry missing
        second.remove(700); // the whole segment missing
        a.fake().digests(partition, first);
        b.fake().digests(partition, second);
        double different = counter("merkle.tree.comparisons", "outcome", "different");
        double differences = counter("merkle.tree.differences");

        JsonNode answer = post("/api/merkle/compare",
                Map.of("partitionId", partition, "node1", a.id(), "node2", b.id())).ok();

        assertThat(answer.get("consistent").asBoolean()).isFalse();
        assertThat(answer.get("root1").asString()).isNotEqualTo(answer.get("root2").asString());
        JsonNode segments = answer.get("differingSegments");
        assertThat(segments).hasSize(2);
        JsonNode s3 = segments.get(0);
        assertThat(s3.get("segment").asLong()).isEqualTo(3);
        assertThat(s3.get("firstSequence").asLong()).isEqualTo(3001);
        assertThat(s3.get("lastSequence").asLong()).isEqualTo(4000);
        assertThat(s3.get("node1").get("hash").asString()).isEqualTo(String.format("%016x", first.get(3).hash()));
        assertThat(s3.get("node1").get("count").asLong()).isEqualTo(1000);
        assertThat(s3.get("node2").get("hash").asString())
                .isEqualTo(String.format("%016x", first.get(3).hash() ^ 0x5a5a));
        assertThat(s3.get("node2").get("count").asLong()).isEqualTo(999);
        JsonNode s700 = segments.get(1);
        assertThat(s700.get("segment").asLong()).isEqualTo(700);
        assertThat(s700.get("firstSequence").asLong()).isEqualTo(700_001);
        assertThat(s700.get("lastSequence").asLong()).isEqualTo(701_000);
        assertThat(s700.get("node1").get("count").asLong()).isEqualTo(1000);
        assertThat(s700.get("node2").get("hash").asString()).isEqualTo("0000000000000000");
        assertThat(s700.get("node2").get("count").asLong()).isZero();

        assertThat(counter("merkle.tree.comparisons", "outcome", "different")).isEqualTo(different + 1);
        assertThat(counter("merkle.tree.differences")).isEqualTo(differences + 2);
    }

    @Test
    void cachedTreesAreComparedAsWellAsFreshOnes() {
        Node a = node();
        Node b = node();
        String partition = unique("cached");
        List<SegmentDigest> digests = fullSegments(30, 50);
        a.fake().digests(partition, digests);
        b.fake().digests(partition, digests);
        post("/api/merkle/build", Map.of("partitionId", partition, "nodeUrl", a.id())).ok();
        post("/api/merkle/build", Map.of("partitionId", partition, "nodeUrl", b.id())).ok();

        // b's digests change after its tree was cached: the comparison must see the change.
        List<SegmentDigest> changed = new ArrayList<>(digests);
        changed.set(42, new SegmentDigest(42, digests.get(42).hash() + 1, 1000));
        b.fake().digests(partition, changed);
        double hits = counter("merkle.tree.cache", "result", "hit");

        JsonNode answer = post("/api/merkle/compare",
                Map.of("partitionId", partition, "node1Url", a.id(), "node2Url", b.id())).ok();

        assertThat(answer.get("consistent").asBoolean()).isFalse();
        assertThat(answer.get("differingSegments")).hasSize(1);
        assertThat(answer.get("differingSegments").get(0).get("segment").asLong()).isEqualTo(42);
        assertThat(counter("merkle.tree.cache", "result", "hit")).as("a's tree from the cache").isEqualTo(hits + 1);
    }

    @Test
    void aPartitionOnlyOneReplicaHoldsDiffersInAllItsSegments() {
        Node a = node();
        Node b = node();
        String partition = unique("one-sided");
        a.fake().digests(partition, fullSegments(40, 3));

        JsonNode answer = post("/api/merkle/compare",
                Map.of("partitionId", partition, "node1Url", a.id(), "node2Url", b.id())).ok();

        assertThat(answer.get("consistent").asBoolean()).isFalse();
        assertThat(answer.get("root2").asString()).isEqualTo("0000000000000000");
        List<Long> segments = new ArrayList<>();
        answer.get("differingSegments").forEach(s -> segments.add(s.get("segment").asLong()));
        assertThat(segments).containsExactly(0L, 1L, 2L);
    }
}
