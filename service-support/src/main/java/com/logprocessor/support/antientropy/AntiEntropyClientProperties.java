package com.logprocessor.support.antientropy;

import com.logprocessor.support.config.Durations;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the anti-entropy coordinator is, for the services that ask it for repairs. The
 * coordinator's own settings share the {@code anti-entropy} prefix; each side ignores the other's.
 *
 * @param url the anti-entropy coordinator ({@code anti-entropy.url}, {@code ANTI_ENTROPY_URL} in
 *        Compose)
 * @param requestTimeout how long a repair request may take before it is given up (2 s): a lost
 *        request only delays the repair to the next periodic cycle
 * @param requests whether repairs are requested at all ({@code anti-entropy.requests}, true)
 */
@Validated
@ConfigurationProperties("anti-entropy")
public record AntiEntropyClientProperties(
        @DefaultValue("http://127.0.0.1:8086") @NotNull URI url,
        @DefaultValue("2s") @NotNull Duration requestTimeout,
        @DefaultValue("true") boolean requests) {

    public AntiEntropyClientProperties {
        Durations.requirePositive("anti-entropy.request-timeout", requestTimeout);
    }
}
