package com.logprocessor.merkle.tree;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.merkle.SegmentDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fingerprint a cached tree is matched by: equal for the same digests, different for any change. */
class DigestFingerprintTest {

    private final List<SegmentDigest> digests = List.of(new SegmentDigest(0, 11, 1000),
            new SegmentDigest(1, 12, 1000), new SegmentDigest(7, 13, 5));

    @Test
    void theSameDigestsInAnyOrderAndWithEmptyOnesHaveTheSameFingerprint() {
        List<SegmentDigest> shuffled = new ArrayList<>(digests);
        Collections.reverse(shuffled);
        shuffled.add(SegmentDigest.empty(3));
        assertThat(DigestFingerprint.of(10, 1000, shuffled)).isEqualTo(DigestFingerprint.of(10, 1000, digests))
                .hasSize(32);
    }

    @Test
    void anyChangeOfADigestOrOfTheShapeChangesIt() {
        String fingerprint = DigestFingerprint.of(10, 1000, digests);
        assertThat(DigestFingerprint.of(10, 1000, List.of(digests.get(0), digests.get(1), new SegmentDigest(7, 14, 5))))
                .isNotEqualTo(fingerprint);
        assertThat(DigestFingerprint.of(10, 1000, List.of(digests.get(0), digests.get(1), new SegmentDigest(7, 13, 6))))
                .isNotEqualTo(fingerprint);
        assertThat(DigestFingerprint.of(10, 1000, List.of(digests.get(0), digests.get(1), new SegmentDigest(8, 13, 5))))
                .isNotEqualTo(fingerprint);
        assertThat(DigestFingerprint.of(10, 1000, digests.subList(0, 2))).isNotEqualTo(fingerprint);
        assertThat(DigestFingerprint.of(9, 1000, digests)).isNotEqualTo(fingerprint);
        assertThat(DigestFingerprint.of(10, 500, digests)).isNotEqualTo(fingerprint);
        assertThat(DigestFingerprint.of(10, 1000, List.of())).isNotEqualTo(fingerprint);
    }
}
