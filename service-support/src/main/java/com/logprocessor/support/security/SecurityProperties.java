package com.logprocessor.support.security;

import com.logprocessor.core.access.ApiKey;
import com.logprocessor.core.access.ApiKeys;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call a service ({@code security.*}). On by default: a service refuses to start without
 * an internal token rather than run open. {@code ./setup.sh} generates the token and the keys
 * under {@code run/security} (and the env file Compose reads); turning security off is the
 * explicit {@code security.enabled=false}.
 *
 * @param enabled whether requests need credentials (true)
 * @param internalToken the cluster's shared secret, sent between services as {@code X-Internal-Token}
 *                      (at least 32 characters); rotated by restarting every service with a new one
 * @param apiKeys the public API keys, {@code name:role:sha256hex} each (only hashes are configured)
 * @param metricsNetworks addresses (CIDR) that may scrape {@code /actuator/prometheus} without a
 *                        credential: loopback and the private ranges a Compose or Kubernetes network uses
 */
@Validated
@ConfigurationProperties("security")
public record SecurityProperties(
        @DefaultValue("true") boolean enabled,
        String internalToken,
        @DefaultValue({}) @NotNull List<String> apiKeys,
        @DefaultValue({"127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"})
        @NotNull List<String> metricsNetworks) {

    /** Shortest internal token accepted: 32 characters of a generated one carry 192 bits. */
    public static final int MIN_TOKEN_LENGTH = 32;

    public SecurityProperties {
        if (enabled && (internalToken == null || internalToken.isBlank())) {
            throw new IllegalArgumentException("security.internal-token is not set: the services need the cluster's "
                    + "shared secret (./setup.sh generates one under run/security; Compose reads it from "
                    + "run/security/services.env), or set security.enabled=false to run without credentials");
        }
        if (internalToken != null && !internalToken.isBlank() && internalToken.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("security.internal-token must be at least " + MIN_TOKEN_LENGTH
                    + " characters (it was " + internalToken.length() + ")");
        }
        keys(apiKeys); // refuses a malformed or duplicated entry at start-up
    }

    @Override
    public String toString() {
        return "SecurityProperties[enabled=" + enabled + ", internalToken=" + (internalToken == null ? "none" : "set")
                + ", apiKeys=" + (apiKeys == null ? 0 : apiKeys.size()) + ", metricsNetworks=" + metricsNetworks + "]";
    }

    /** The configured API keys, parsed. */
    public ApiKeys keys() {
        return keys(apiKeys);
    }

    private static ApiKeys keys(List<String> configured) {
        return new ApiKeys(configured == null ? List.of()
                : configured.stream().filter(s -> !s.isBlank()).map(ApiKey::parse).toList());
    }
}
