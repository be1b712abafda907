package com.logprocessor.coordinator.hints;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the coordinator hands off hints ({@code coordinator.hints.*}).
 *
 * @param sendTimeout longest wait for Kafka to take one batch's hints before the batch is
 *        checkpointed anyway; hints not taken by then are counted as dropped (5 s)
 */
@Validated
@ConfigurationProperties("coordinator.hints")
public record HintProperties(@DefaultValue("5s") @NotNull Duration sendTimeout) {
}
