package com.logprocessor.merkle.tree;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import com.logprocessor.core.merkle.SegmentDigest;
import java.util.Collection;
import java.util.Comparator;

/**
 * What a tree was built from, in 128 bits: the shape settings and every non-empty segment digest
 * (segment, hash, count) in segment order. Equal fingerprints mean equal inputs (up to a 2^-128
 * collision), so equal trees; any changed digest changes it. Empty digests are left out, as the
 * tree leaves them out.
 */
public final class DigestFingerprint {

    private DigestFingerprint() {
    }

    public static String of(int depth, int segmentSize, Collection<SegmentDigest> digests) {
        Hasher h = Hashing.murmur3_128().newHasher().putInt(depth).putInt(segmentSize);
        digests.stream()
                .filter(SegmentDigest::hasEntries)
                .sorted(Comparator.comparingLong(SegmentDigest::segment))
                .forEachOrdered(d -> h.putLong(d.segment()).putLong(d.hash()).putLong(d.count()));
        return h.hash().toString();
    }
}
