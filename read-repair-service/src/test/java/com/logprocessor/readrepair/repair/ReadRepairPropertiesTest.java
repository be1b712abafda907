package com.logprocessor.readrepair.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** The {@code read-repair.*} settings: defaults, other services' keys ignored, nonsense refused. */
class ReadRepairPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ReadRepairProperties.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Config.class);

    @Test
    void defaults() {
        runner.run(context -> {
            ReadRepairProperties p = context.getBean(ReadRepairProperties.class);
            assertThat(p.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
            assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(p.dedupWindow()).isEqualTo(Duration.ofSeconds(5));
            assertThat(p.concurrency()).isEqualTo(4);
            assertThat(p.fanOutDeadline()).isEqualTo(Duration.ofSeconds(3));
        });
    }

    @Test
    void settingsBind() {
        runner.withPropertyValues("read-repair.connect-timeout=250ms", "read-repair.timeout=3s",
                "read-repair.dedup-window=0s", "read-repair.concurrency=8").run(context -> {
                    ReadRepairProperties p = context.getBean(ReadRepairProperties.class);
                    assertThat(p.connectTimeout()).isEqualTo(Duration.ofMillis(250));
                    assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(p.dedupWindow()).isZero();
                    assertThat(p.concurrency()).isEqualTo(8);
                });
    }

    @Test
    void theCoordinatorsChanceAndTheServiceUrlAreNotThisServicesAndDoNotFail() {
        runner.withPropertyValues("read-repair.chance=0.25", "read-repair.url=http://127.0.0.1:8087")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ReadRepairProperties.class));
    }

    @Test
    void nonsenseIsRefusedAtStartup() {
        refused("concurrency", "read-repair.concurrency=0");
        refused("read-repair.timeout", "read-repair.timeout=0s");
        refused("read-repair.connect-timeout", "read-repair.connect-timeout=-1s");
        refused("read-repair.dedup-window", "read-repair.dedup-window=-1s");
    }

    private void refused(String saying, String... properties) {
        runner.withPropertyValues(properties).run(context -> assertThat(context).getFailure()
                .hasStackTraceContaining(saying));
    }
}
