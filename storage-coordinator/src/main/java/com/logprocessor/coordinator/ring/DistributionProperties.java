package com.logprocessor.coordinator.ring;

import com.logprocessor.support.config.Durations;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How often the distribution figures behind the balance-score gauge and the {@code /ring} page are
 * refreshed ({@code coordinator.distribution.*}).
 *
 * @param refreshInterval time between two refreshes (5 min). A refresh reads every changed node's
 *        whole partition listing, O(partitions): about 1.2 s of PostgreSQL per node at 140 k
 *        partitions, and under writes every node has changed, so every 15 s was a tenth of the
 *        machine and every minute still a listing query per node every 2-3 s at 250 k partitions; a
 *        balance score moves slowly, and {@code GET /api/coordinator/metrics/distribution} always
 *        refreshes
 */
@Validated
@ConfigurationProperties("coordinator.distribution")
public record DistributionProperties(@DefaultValue("5m") @NotNull Duration refreshInterval) {

    public DistributionProperties {
        Durations.requirePositive("coordinator.distribution.refresh-interval", refreshInterval);
    }
}
