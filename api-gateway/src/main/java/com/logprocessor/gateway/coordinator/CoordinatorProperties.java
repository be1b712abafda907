package com.logprocessor.gateway.coordinator;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the storage coordinator is ({@code coordinator.*}).
 *
 * @param url the storage coordinator's base URL
 * @param timeout how long a health probe may take
 * @param queryTimeout how long a forwarded query may take
 */
@Validated
@ConfigurationProperties("coordinator")
public record CoordinatorProperties(
        @DefaultValue("http://localhost:8081") @NotNull URI url,
        @DefaultValue("2s") @NotNull Duration timeout,
        @DefaultValue("30s") @NotNull Duration queryTimeout) {
}
