package com.logprocessor.readrepair.testing;

import com.logprocessor.support.testing.TestRedis;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * The read-repair service on a random port on 127.0.0.1 with a real Kafka (embedded KRaft broker)
 * and a real Redis (ring membership). The dedup window is longer than any test, so collapsing
 * never depends on timing. Classes with exactly this configuration share one context; a class that
 * changes a setting must also name its own {@code ring.key-prefix}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "ring.key-prefix=ring-read-repair",
        "ring.vnodes=8",
        "read-repair.dedup-window=1m",
        // The coordinator's settings, and where this service is: given to every service, ignored here.
        "read-repair.chance=0.1",
        "read-repair.url=http://127.0.0.1:8087"})
@EmbeddedKafka
@ContextConfiguration(initializers = TestRedis.class)
public @interface ReadRepairServiceTest {
}
