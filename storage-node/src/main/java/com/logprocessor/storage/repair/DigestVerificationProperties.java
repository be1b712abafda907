package com.logprocessor.storage.repair;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The periodic full recomputation that verifies the stored segment digests (design: Anti-entropy).
 *
 * @param scheduled whether the node verifies on its own every {@code interval}
 * @param interval  delay between the end of one verification and the start of the next (first run
 *                  one interval after start-up, not at boot, so restarts stay fast)
 * @param correct   whether mismatching digests are rewritten from the entries (else only reported)
 */
@Validated
@ConfigurationProperties("storage.digests.verification")
public record DigestVerificationProperties(
        @DefaultValue("true") boolean scheduled,
        @DefaultValue("PT1H") @NotNull Duration interval,
        @DefaultValue("true") boolean correct) {
}
