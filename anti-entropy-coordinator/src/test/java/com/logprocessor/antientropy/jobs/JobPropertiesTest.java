package com.logprocessor.antientropy.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobPropertiesTest {

    private static JobProperties with(Duration poll, Duration lease, Duration backoff, String instance) {
        return new JobProperties(2, poll, lease, 3, backoff, instance);
    }

    @Test
    void theLeaseIsRenewedEveryThirdAndAnInstanceAlwaysHasAName() {
        JobProperties p = with(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(10), null);
        assertThat(p.renewEvery()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.instanceId()).contains("@");
        assertThat(with(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ZERO, "ae-1").instanceId())
                .isEqualTo("ae-1");
    }

    @Test
    void badDurationsAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> with(Duration.ZERO, Duration.ofSeconds(30), Duration.ZERO, "x"))
                .hasMessageContaining("anti-entropy.jobs.poll-interval");
        assertThatThrownBy(() -> with(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ZERO, "x"))
                .hasMessageContaining("anti-entropy.jobs.lease");
        assertThatThrownBy(() -> with(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(-1), "x"))
                .hasMessageContaining("anti-entropy.jobs.retry-backoff");
    }
}
