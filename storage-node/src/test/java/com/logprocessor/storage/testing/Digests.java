package com.logprocessor.storage.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.merkle.SegmentDigest;
import com.logprocessor.support.storage.StorageApi.PartitionDigests;
import com.logprocessor.support.storage.StorageApi.SegmentEntries;
import java.util.ArrayList;
import java.util.List;

/** Recomputes a partition's digests, independently of the node, from the entries it serves. */
public final class Digests {

    private Digests() {
    }

    public static PartitionDigests stored(StorageHttp http, String partitionKey) {
        return http.get("/api/storage/partitions/" + StorageHttp.encode(partitionKey) + "/digests")
                .expect(200).as(PartitionDigests.class);
    }

    /** The digests computed with core's SegmentDigest from the entries of segments 0..lastSegment. */
    public static List<SegmentDigest> recomputed(StorageHttp http, String partitionKey, long lastSegment) {
        List<SegmentDigest> out = new ArrayList<>();
        for (long segment = 0; segment <= lastSegment; segment++) {
            SegmentEntries entries = http.get("/api/storage/partitions/" + StorageHttp.encode(partitionKey)
                    + "/segments/" + segment).expect(200).as(SegmentEntries.class);
            SegmentDigest d = SegmentDigest.of(segment, entries.entries());
            if (d.hasEntries()) {
                out.add(d);
            }
        }
        return out;
    }

    /** Asserts the stored digests equal a fresh recomputation and returns them. */
    public static List<SegmentDigest> assertConsistent(StorageHttp http, String partitionKey, long lastSegment) {
        List<SegmentDigest> stored = stored(http, partitionKey).digests();
        assertThat(stored).as("stored digests of %s", partitionKey)
                .isEqualTo(recomputed(http, partitionKey, lastSegment));
        return stored;
    }

    /** The digest of a list of entries, as every replica holding exactly them must have it. */
    public static SegmentDigest of(long segment, List<LogEntry> entries) {
        return SegmentDigest.of(segment, entries);
    }
}
