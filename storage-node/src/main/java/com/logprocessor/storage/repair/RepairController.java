package com.logprocessor.storage.repair;

import com.logprocessor.core.entry.Violation;
import com.logprocessor.core.merkle.Segments;
import com.logprocessor.core.query.PartitionKeys;
import java.util.List;
import com.logprocessor.core.entry.LogEntry;
import com.logprocessor.core.entry.LogEntryCodec;
import com.logprocessor.support.storage.StorageApi.DigestsList;
import com.logprocessor.support.storage.StorageApi.DigestsRequest;
import com.logprocessor.support.storage.StorageApi.PartitionDigests;
import com.logprocessor.support.storage.StorageApi.RangesRequest;
import com.logprocessor.support.storage.StorageApi.SequenceRange;
import com.logprocessor.support.storage.StorageApi.PartitionPage;
import com.logprocessor.support.storage.StorageApi.SegmentEntries;
import com.logprocessor.support.web.InvalidRequestException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What anti-entropy, the Merkle tree service and the coordinator read to compare and repair replicas. */
@RestController
@RequestMapping(path = "/api/storage", produces = MediaType.APPLICATION_JSON_VALUE)
public class RepairController {

    static final int DEFAULT_PARTITION_PAGE = 1000;
    static final int MAX_PARTITION_PAGE = 10_000;
    static final int MAX_DIGEST_PARTITIONS = 1000;
    static final int MAX_RANGES = 10_000;

    private final RepairReader reader;
    private final DigestVerifier verifier;
    private final Segments segments;
    private final DigestVerificationProperties verification;

    public RepairController(RepairReader reader, DigestVerifier verifier, Segments segments,
            DigestVerificationProperties verification) {
        this.reader = reader;
        this.verifier = verifier;
        this.segments = segments;
        this.verification = verification;
    }

    /**
     * Partition keys after {@code after} (exclusive, byte order), with entry count, digest and last
     * segment, and the max sequence unless {@code maxSequence=false} (it costs most of a page).
     */
    @GetMapping("/partitions")
    public PartitionPage partitions(@RequestParam(required = false) String after,
            @RequestParam(required = false) Integer limit, @RequestParam(defaultValue = "true") boolean maxSequence) {
        int n = limit == null ? DEFAULT_PARTITION_PAGE : limit;
        if (n < 1 || n > MAX_PARTITION_PAGE) {
            throw new InvalidRequestException(new Violation("limit",
                    "must be between 1 and " + MAX_PARTITION_PAGE + ", was " + n));
        }
        if (after != null) {
            checkKeys("after", List.of(after));
        }
        return reader.partitions(after, n, maxSequence);
    }

    @GetMapping("/partitions/{partitionKey}/digests")
    public PartitionDigests digests(@PathVariable String partitionKey) {
        checkKeys("partitionKey", List.of(partitionKey));
        return reader.digests(partitionKey);
    }

    /**
     * The digests of up to {@value #MAX_DIGEST_PARTITIONS} partitions over segments of any size up
     * to {@code segment.size}, computed from the stored entries (a partition the node does not hold
     * is left out): anti-entropy compares many small partitions finely in one call.
     */
    @PostMapping(path = "/partitions/digests", consumes = MediaType.APPLICATION_JSON_VALUE)
    public DigestsList digests(@RequestBody DigestsRequest request) {
        List<String> keys = request.partitionKeys();
        if (keys == null || keys.isEmpty() || keys.size() > MAX_DIGEST_PARTITIONS) {
            throw new InvalidRequestException(new Violation("partitionKeys", "must list 1 to "
                    + MAX_DIGEST_PARTITIONS + " partition keys, listed " + (keys == null ? 0 : keys.size())));
        }
        checkKeys("partitionKeys", keys);
        if (request.segmentSize() < 1 || request.segmentSize() > segments.size()) {
            throw new InvalidRequestException(new Violation("segmentSize",
                    "must be between 1 and " + segments.size() + " (segment.size), was " + request.segmentSize()));
        }
        return reader.digestsOf(keys, request.segmentSize());
    }

    /**
     * The entries of up to {@value #MAX_RANGES} sequence ranges of at most {@code segment.size}
     * sequences each, as one {@value LogEntryCodec#MEDIA_TYPE} batch in no particular order.
     */
    @PostMapping(path = "/partitions/entries", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = LogEntryCodec.MEDIA_TYPE)
    public byte[] entries(@RequestBody RangesRequest request) {
        List<SequenceRange> ranges = request.ranges();
        if (ranges == null || ranges.isEmpty() || ranges.size() > MAX_RANGES) {
            throw new InvalidRequestException(new Violation("ranges", "must list 1 to " + MAX_RANGES
                    + " ranges, listed " + (ranges == null ? 0 : ranges.size())));
        }
        checkKeys("ranges[].partitionKey", ranges.stream().map(SequenceRange::partitionKey).toList());
        for (SequenceRange r : ranges) {
            if (r.firstSequence() < 1 || r.lastSequence() < r.firstSequence()
                    || r.lastSequence() - r.firstSequence() >= segments.size()) {
                throw new InvalidRequestException(new Violation("ranges", "a range must be 1 <= firstSequence"
                        + " <= lastSequence and span at most " + segments.size() + " sequences (segment.size), was "
                        + r.firstSequence() + ".." + r.lastSequence() + " of " + r.partitionKey()));
            }
        }
        List<LogEntry> entries = reader.entries(ranges);
        return LogEntryCodec.encodeBatch(entries.stream().map(LogEntryCodec::encode).toList());
    }

    /** The entries of one segment (sequences {@code segment*size+1 .. (segment+1)*size}). */
    @GetMapping("/partitions/{partitionKey}/segments/{segment}")
    public SegmentEntries segment(@PathVariable String partitionKey, @PathVariable long segment) {
        if (segment < 0 || segment > Long.MAX_VALUE / segments.size() - 1) {
            throw new InvalidRequestException(new Violation("segment",
                    "must be between 0 and " + (Long.MAX_VALUE / segments.size() - 1) + ", was " + segment));
        }
        checkKeys("partitionKey", List.of(partitionKey));
        return reader.segment(partitionKey, segment);
    }

    /** The first invalid key fails the request (a node never queries with U+0000 or an overlong key). */
    private static void checkKeys(String field, List<String> keys) {
        for (String key : keys) {
            List<Violation> violations = PartitionKeys.check(field, key);
            if (!violations.isEmpty()) {
                throw new InvalidRequestException(violations.get(0));
            }
        }
    }

    /**
     * Recomputes the digests of one partition (or of all when none is given) from the stored
     * entries and reports mismatches; corrects them unless {@code correct=false}. Synchronous.
     */
    @PostMapping("/digests/verify")
    public VerificationReport verify(@RequestParam(required = false) String partitionKey,
            @RequestParam(required = false) Boolean correct) {
        if (partitionKey != null && !partitionKey.isBlank()) {
            checkKeys("partitionKey", List.of(partitionKey));
        }
        return verifier.verify(partitionKey == null || partitionKey.isBlank() ? null : partitionKey,
                correct == null ? verification.correct() : correct);
    }
}
