package com.logprocessor.merkle.testing;

import com.logprocessor.support.testing.TestRedis;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The Merkle tree service on a random port on 127.0.0.1 with a real Redis (ring membership and
 * the tree cache) and the design's defaults (depth 10, segment size 1000). Classes with exactly
 * this configuration share one context; a class that changes a setting must also name its own
 * {@code ring.key-prefix} and {@code merkle.cache.key-prefix}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "ring.key-prefix=ring-merkle",
        "ring.vnodes=8",
        "merkle.cache.key-prefix=merkle-test",
        // Where this service is: given to every service, ignored here.
        "merkle.url=http://127.0.0.1:8085"})
@ContextConfiguration(initializers = TestRedis.class)
public @interface MerkleServiceTest {
}
