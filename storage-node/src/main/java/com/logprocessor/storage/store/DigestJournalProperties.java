package com.logprocessor.storage.store;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The digest journal (writes append their digest changes; see migration V4).
 *
 * @param foldInterval delay between the end of one fold of the journal into the segment digests and
 *                     the start of the next. Readers see exact digests whatever it is; a longer
 *                     interval aggregates more writes per digest row update, a shorter one keeps
 *                     the journal (which readers add up on every read) small.
 */
@Validated
@ConfigurationProperties("storage.digests.journal")
public record DigestJournalProperties(@DefaultValue("1s") @NotNull Duration foldInterval) {
}
