package com.logprocessor.hints.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** The {@code hint.*} settings bind with the design's names and defaults, and refuse nonsense. */
class HintPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(HintProperties.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Config.class);

    @Test
    void defaultsAreTheDesigns() {
        runner.run(context -> {
            HintProperties p = context.getBean(HintProperties.class);
            assertThat(p.expiry().hours()).isEqualTo(3);
            assertThat(p.expiry().duration()).isEqualTo(Duration.ofHours(3));
            assertThat(p.max().retries()).isEqualTo(3);
            assertThat(p.replay().batchSize()).isEqualTo(2000);
            assertThat(p.replay().checkInterval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(p.replay().firstBackoff()).isEqualTo(Duration.ofSeconds(5));
            assertThat(p.replay().maxRequestSize()).isEqualTo(DataSize.ofMegabytes(8));
            assertThat(p.expiry().sweepInterval()).isEqualTo(Duration.ofMinutes(1));
            assertThat(p.pending().refreshInterval()).isEqualTo(Duration.ofSeconds(5));
        });
    }

    @Test
    void theDesignsNamesBindAndExpiryTakesADecimal() {
        runner.withPropertyValues("hint.expiry.hours=0.001", "hint.max.retries=5", "hint.replay.batch-size=10")
                .run(context -> {
                    HintProperties p = context.getBean(HintProperties.class);
                    assertThat(p.expiry().duration()).isEqualTo(Duration.ofMillis(3600));
                    assertThat(p.max().retries()).isEqualTo(5);
                    assertThat(p.replay().batchSize()).isEqualTo(10);
                });
    }

    @Test
    void backoffDoublesFromTheFirstAndIsCapped() {
        runner.withPropertyValues("hint.replay.first-backoff=5s", "hint.replay.max-backoff=30s").run(context -> {
            HintProperties.Replay r = context.getBean(HintProperties.class).replay();
            assertThat(r.backoffAfter(1)).isEqualTo(Duration.ofSeconds(5));
            assertThat(r.backoffAfter(2)).isEqualTo(Duration.ofSeconds(10));
            assertThat(r.backoffAfter(3)).isEqualTo(Duration.ofSeconds(20));
            assertThat(r.backoffAfter(4)).isEqualTo(Duration.ofSeconds(30));
            assertThat(r.backoffAfter(1000)).isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void nonsenseIsRefusedAtStartup() {
        refused("expiry.hours", "hint.expiry.hours=0");
        refused("max.retries", "hint.max.retries=0");
        refused("replay.batchSize", "hint.replay.batch-size=0");
        refused("hint.replay.max-backoff", "hint.replay.first-backoff=10s", "hint.replay.max-backoff=1s");
    }

    private void refused(String saying, String... properties) {
        runner.withPropertyValues(properties).run(context -> assertThat(context).getFailure()
                .hasStackTraceContaining(saying));
    }
}
