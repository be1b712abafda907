package com.logprocessor.storage.testing;

import com.logprocessor.support.testing.TestPostgres;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The storage node on a random port on 127.0.0.1, over the shared embedded PostgreSQL. Every
 * test class uses exactly this configuration so that they all share one cached context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "storage.digests.verification.scheduled=false",
                // Tests fold the digest journal themselves (DigestJournal.fold), when they mean to.
                "storage.digests.journal.fold-interval=1h"})
@ContextConfiguration(initializers = TestPostgres.class)
public @interface StorageNodeTest {
}
