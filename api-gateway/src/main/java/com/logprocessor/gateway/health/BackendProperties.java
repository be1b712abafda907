package com.logprocessor.gateway.health;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the services behind the gateway are ({@code coordinator.*}).
 *
 * @param url the storage coordinator's base URL
 * @param timeout how long a health probe may take
 */
@Validated
@ConfigurationProperties("coordinator")
public record BackendProperties(
        @DefaultValue("http://localhost:8081") @NotNull URI url,
        @DefaultValue("2s") @NotNull Duration timeout) {
}
