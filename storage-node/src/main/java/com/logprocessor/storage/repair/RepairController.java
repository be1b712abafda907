package com.logprocessor.storage.repair;

import com.logprocessor.core.entry.Violation;
import com.logprocessor.core.merkle.Segments;
import com.logprocessor.storage.config.DigestVerificationProperties;
import com.logprocessor.support.storage.StorageApi.PartitionDigests;
import com.logprocessor.support.storage.StorageApi.PartitionPage;
import com.logprocessor.support.storage.StorageApi.SegmentEntries;
import com.logprocessor.support.web.InvalidRequestException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What anti-entropy, the Merkle tree service and the coordinator read to compare and repair replicas. */
@RestController
@RequestMapping(path = "/api/storage", produces = MediaType.APPLICATION_JSON_VALUE)
public class RepairController {

    static final int DEFAULT_PARTITION_PAGE = 1000;
    static final int MAX_PARTITION_PAGE = 10_000;

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

    /** Partition keys after {@code after} (exclusive, byte order), with max sequence and entry count. */
    @GetMapping("/partitions")
    public PartitionPage partitions(@RequestParam(required = false) String after,
            @RequestParam(required = false) Integer limit) {
        int n = limit == null ? DEFAULT_PARTITION_PAGE : limit;
        if (n < 1 || n > MAX_PARTITION_PAGE) {
            throw new InvalidRequestException(new Violation("limit",
                    "must be between 1 and " + MAX_PARTITION_PAGE + ", was " + n));
        }
        return reader.partitions(after, n);
    }

    @GetMapping("/partitions/{partitionKey}/digests")
    public PartitionDigests digests(@PathVariable String partitionKey) {
        return reader.digests(partitionKey);
    }

    /** The entries of one segment (sequences {@code segment*size+1 .. (segment+1)*size}). */
    @GetMapping("/partitions/{partitionKey}/segments/{segment}")
    public SegmentEntries segment(@PathVariable String partitionKey, @PathVariable long segment) {
        if (segment < 0 || segment > Long.MAX_VALUE / segments.size() - 1) {
            throw new InvalidRequestException(new Violation("segment",
                    "must be between 0 and " + (Long.MAX_VALUE / segments.size() - 1) + ", was " + segment));
        }
        return reader.segment(partitionKey, segment);
    }

    /**
     * Recomputes the digests of one partition (or of all when none is given) from the stored
     * entries and reports mismatches; corrects them unless {@code correct=false}. Synchronous.
     */
    @PostMapping("/digests/verify")
    public VerificationReport verify(@RequestParam(required = false) String partitionKey,
            @RequestParam(required = false) Boolean correct) {
        return verifier.verify(partitionKey == null || partitionKey.isBlank() ? null : partitionKey,
                correct == null ? verification.correct() : correct);
    }
}
