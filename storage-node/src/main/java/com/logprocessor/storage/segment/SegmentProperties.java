package com.logprocessor.storage.segment;

import com.logprocessor.core.merkle.Segments;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The design's {@code segment.size}: how many sequences one segment digest covers. Every replica
 * must use the same size, or their digests cannot be compared.
 */
@Validated
@ConfigurationProperties("segment")
public record SegmentProperties(@DefaultValue("" + Segments.DEFAULT_SIZE) @Min(1) @Max(1_000_000) int size) {

    public Segments segments() {
        return new Segments(size);
    }
}
