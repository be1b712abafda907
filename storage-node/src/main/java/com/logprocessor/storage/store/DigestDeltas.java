package com.logprocessor.storage.store;

import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.core.merkle.Segments;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The change a write makes to each touched segment digest, accumulated with core's
 * {@link SegmentDigest#add} and {@link SegmentDigest#replace} starting from an empty digest, and
 * applied to the stored digest by XOR-ing the hash and adding the count: XOR and + commute, so the
 * delta of a whole batch equals applying its entries one by one.
 */
final class DigestDeltas {

    record SegmentKey(String partitionKey, long segment) {
    }

    private final Segments segments;
    private final Map<SegmentKey, SegmentDigest> deltas = new LinkedHashMap<>();

    DigestDeltas(Segments segments) {
        this.segments = segments;
    }

    void inserted(EntryKey key, long hash) {
        SegmentKey segment = segmentOf(key);
        deltas.put(segment, current(segment).add(hash));
    }

    void replaced(EntryKey key, long oldHash, long newHash) {
        SegmentKey segment = segmentOf(key);
        deltas.put(segment, current(segment).replace(oldHash, newHash));
    }

    Map<SegmentKey, SegmentDigest> deltas() {
        return deltas;
    }

    private SegmentKey segmentOf(EntryKey key) {
        return new SegmentKey(key.partitionKey(), segments.segmentOf(key.sequence()));
    }

    private SegmentDigest current(SegmentKey key) {
        SegmentDigest d = deltas.get(key);
        return d != null ? d : SegmentDigest.empty(key.segment());
    }
}
