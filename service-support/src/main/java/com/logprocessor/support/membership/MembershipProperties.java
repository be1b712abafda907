package com.logprocessor.support.membership;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Ring membership settings ({@code ring.*}), with the design's defaults.
 *
 * @param vnodes tokens per node ({@code ring.vnodes}, 150)
 * @param allocator how a new node's tokens are chosen: {@code balanced} or {@code random}
 * @param heartbeatTtl how long a heartbeat keeps a node alive (15 s)
 * @param heartbeatInterval how often a node refreshes its heartbeat (5 s)
 * @param pollInterval how often watchers reload membership besides events (10 s)
 * @param expiryCheckInterval how often watchers check their members' heartbeat deadlines (1 s)
 * @param keyPrefix prefix of every Redis key and channel ({@code ring})
 */
@Validated
@ConfigurationProperties("ring")
public record MembershipProperties(
        @DefaultValue("150") @Min(1) @Max(4096) int vnodes,
        @DefaultValue("balanced") @NotBlank String allocator,
        @DefaultValue("15s") @NotNull Duration heartbeatTtl,
        @DefaultValue("5s") @NotNull Duration heartbeatInterval,
        @DefaultValue("10s") @NotNull Duration pollInterval,
        @DefaultValue("1s") @NotNull Duration expiryCheckInterval,
        @DefaultValue("ring") @NotBlank String keyPrefix) {

    public MembershipProperties {
        if (heartbeatInterval != null && heartbeatTtl != null && heartbeatInterval.compareTo(heartbeatTtl) >= 0) {
            throw new IllegalArgumentException("ring.heartbeat-interval (" + heartbeatInterval
                    + ") must be shorter than ring.heartbeat-ttl (" + heartbeatTtl + ")");
        }
    }
}
