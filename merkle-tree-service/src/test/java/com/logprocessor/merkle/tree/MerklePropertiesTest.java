package com.logprocessor.merkle.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** The {@code merkle.*} settings: the design's names and defaults, other keys ignored, nonsense refused. */
class MerklePropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MerkleProperties.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Config.class);

    @Test
    void defaults() {
        runner.run(context -> {
            MerkleProperties p = context.getBean(MerkleProperties.class);
            assertThat(p.tree().depth()).isEqualTo(10);
            assertThat(p.segment().size()).isEqualTo(1000);
            assertThat(p.cache().ttl()).isEqualTo(Duration.ofMinutes(10));
            assertThat(p.cache().keyPrefix()).isEqualTo("merkle");
            assertThat(p.node().connectTimeout()).isEqualTo(Duration.ofSeconds(1));
            assertThat(p.node().timeout()).isEqualTo(Duration.ofSeconds(5));
        });
    }

    @Test
    void theDesignsNamesBind() {
        runner.withPropertyValues("merkle.tree.depth=12", "merkle.segment.size=500", "merkle.cache.ttl=30s",
                "merkle.cache.key-prefix=mt", "merkle.node.connect-timeout=200ms", "merkle.node.timeout=2s")
                .run(context -> {
                    MerkleProperties p = context.getBean(MerkleProperties.class);
                    assertThat(p.tree().depth()).isEqualTo(12);
                    assertThat(p.segment().size()).isEqualTo(500);
                    assertThat(p.segment().segments().lastSequence(0)).isEqualTo(500);
                    assertThat(p.cache().ttl()).isEqualTo(Duration.ofSeconds(30));
                    assertThat(p.cache().keyPrefix()).isEqualTo("mt");
                    assertThat(p.node().connectTimeout()).isEqualTo(Duration.ofMillis(200));
                    assertThat(p.node().timeout()).isEqualTo(Duration.ofSeconds(2));
                });
    }

    @Test
    void theServiceUrlGivenToEveryServiceIsIgnored() {
        runner.withPropertyValues("merkle.url=http://127.0.0.1:8085")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(MerkleProperties.class));
    }

    @Test
    void nonsenseIsRefusedAtStartup() {
        refused("depth", "merkle.tree.depth=21");
        refused("depth", "merkle.tree.depth=-1");
        refused("size", "merkle.segment.size=0");
        refused("merkle.cache.ttl", "merkle.cache.ttl=0s");
        refused("keyPrefix", "merkle.cache.key-prefix= ");
        refused("merkle.node.timeout", "merkle.node.timeout=-1s");
        refused("merkle.node.connect-timeout", "merkle.node.connect-timeout=0ms");
    }

    private void refused(String saying, String... properties) {
        runner.withPropertyValues(properties).run(context -> assertThat(context).getFailure()
                .hasStackTraceContaining(saying));
    }
}
