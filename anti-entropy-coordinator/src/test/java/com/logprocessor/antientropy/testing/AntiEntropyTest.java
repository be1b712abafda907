package com.logprocessor.antientropy.testing;

import com.logprocessor.support.testing.TestPostgres;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The anti-entropy coordinator on a random port on 127.0.0.1 with a real PostgreSQL (the jobs)
 * and a real Redis (ring membership); no periodic cycles and no workers, so a test drives the
 * queue itself and nothing claims what it enqueues.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "test.database=repairs",
        "ring.key-prefix=ring-anti-entropy",
        "ring.vnodes=8",
        "anti-entropy.interval=0",
        "anti-entropy.jobs.workers=0"})
@ContextConfiguration(initializers = TestPostgres.class)
public @interface AntiEntropyTest {
}
