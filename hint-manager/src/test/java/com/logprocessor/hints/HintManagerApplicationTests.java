package com.logprocessor.hints;

import com.logprocessor.hints.testing.HintManagerTest;
import com.logprocessor.support.testing.ServiceEndpointsContract;
import org.springframework.test.context.TestPropertySource;

/** The operator contract every service keeps, with real Kafka, PostgreSQL and Redis. */
@HintManagerTest
@TestPropertySource(properties = {"test.database=hints_contract", "ring.key-prefix=ring-hints-contract"})
class HintManagerApplicationTests extends ServiceEndpointsContract {
}
