package com.logprocessor.support.membership;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The replication factor ({@code replication.factor}, default 3): how many nodes hold each entry.
 * The token allocator balances replicated ownership for it, so it is part of membership.
 */
@Validated
@ConfigurationProperties("replication")
public record ReplicationProperties(@DefaultValue("3") @Min(1) @Max(16) int factor) {
}
