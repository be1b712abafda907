package com.logprocessor.readrepair;

import com.logprocessor.readrepair.testing.ReadRepairServiceTest;
import com.logprocessor.support.testing.ServiceEndpointsContract;
import org.springframework.test.context.TestPropertySource;

/** The operator contract every service keeps, with real Kafka and Redis. */
@ReadRepairServiceTest
@TestPropertySource(properties = "ring.key-prefix=ring-read-repair-contract")
class ReadRepairServiceApplicationTests extends ServiceEndpointsContract {
}
