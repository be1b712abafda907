package com.logprocessor.coordinator.read;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Read repair as the coordinator triggers it ({@code read-repair.*}, the seed's names).
 *
 * @param chance the fraction of reads (0 to 1) that also ask the replicas outside the read's R
 *        and repair them when stale (0.1, as Cassandra's former {@code read_repair_chance}); the
 *        replicas a read contacts anyway are always checked
 */
@Validated
@ConfigurationProperties("read-repair")
public record ReadRepairProperties(
        @DefaultValue("0.1") @DecimalMin("0.0") @DecimalMax("1.0") double chance) {
}
