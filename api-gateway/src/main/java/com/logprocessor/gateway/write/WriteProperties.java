package com.logprocessor.gateway.write;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Synchronous writes ({@code gateway.write.*}).
 *
 * @param timeout how long {@code POST /api/write} waits for its consistency level before answering
 *        504 (5 s: under the coordinator's replica timeout plus one hold backoff, so a write held
 *        only briefly still answers 201); the entry stays queued and is written regardless
 */
@Validated
@ConfigurationProperties("gateway.write")
public record WriteProperties(@DefaultValue("5s") @NotNull Duration timeout) {
}
