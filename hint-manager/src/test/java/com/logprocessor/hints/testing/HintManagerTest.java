package com.logprocessor.hints.testing;

import com.logprocessor.support.testing.FakeAntiEntropy;
import com.logprocessor.support.testing.TestPostgres;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * The hint manager on a random port on 127.0.0.1 with a real Kafka (embedded KRaft broker), a real
 * PostgreSQL and a real Redis, and timings short enough for tests: checks and backoffs in hundreds
 * of milliseconds, batches of 100. Repairs are asked of {@link FakeAntiEntropy}. Classes with exactly this configuration share one context; a
 * class that changes a setting ({@code @TestPropertySource}) must also name its own
 * {@code test.database} and {@code ring.key-prefix}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "test.database=hints",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "ring.key-prefix=ring-hints",
        "ring.vnodes=8",
        "hint.replay.batch-size=100",
        "hint.replay.check-interval=300ms",
        "hint.replay.first-backoff=300ms",
        "hint.replay.max-backoff=2s",
        "hint.replay.timeout=5s",
        "hint.expiry.sweep-interval=300ms",
        "hint.pending.refresh-interval=300ms"})
@EmbeddedKafka
@ContextConfiguration(initializers = {TestPostgres.class, FakeAntiEntropy.class})
public @interface HintManagerTest {
}
