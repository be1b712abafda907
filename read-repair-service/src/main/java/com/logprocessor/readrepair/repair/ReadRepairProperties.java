package com.logprocessor.readrepair.repair;

import com.logprocessor.support.config.Durations;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Read-repair settings ({@code read-repair.*}). Other keys under the prefix belong to other
 * services and are ignored here: {@code read-repair.chance} is the coordinator's, and
 * {@code read-repair.url} (where this service is) is given to every service.
 *
 * @param connectTimeout connecting to a storage node (1 s)
 * @param timeout one read or write request to a storage node (2 s); one fan-out to an entry's
 *        replicas is also cut off after {@code connectTimeout + timeout}
 * @param dedupWindow how long an entry made consistent is remembered (5 s): a request for it that
 *        names no newer version within this window is collapsed instead of repaired again; 0 keeps
 *        only the collapsing within a consumed batch
 * @param concurrency repairs of different entries run at the same time by this instance (4)
 */
@Validated
@ConfigurationProperties("read-repair")
public record ReadRepairProperties(
        @DefaultValue("1s") @NotNull Duration connectTimeout,
        @DefaultValue("2s") @NotNull Duration timeout,
        @DefaultValue("5s") @NotNull Duration dedupWindow,
        @DefaultValue("4") @Min(1) @Max(64) int concurrency) {

    public ReadRepairProperties {
        Durations.requirePositive("read-repair.connect-timeout", connectTimeout);
        Durations.requirePositive("read-repair.timeout", timeout);
        Durations.requireNotNegative("read-repair.dedup-window", dedupWindow);
    }

    /** The bound on one fan-out to an entry's replicas: the client's own timeouts normally fire first. */
    public Duration fanOutDeadline() {
        return connectTimeout.plus(timeout);
    }

}
