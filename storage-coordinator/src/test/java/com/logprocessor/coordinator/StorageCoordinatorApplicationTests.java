package com.logprocessor.coordinator;

import com.logprocessor.support.testing.FakeAntiEntropy;
import com.logprocessor.support.testing.ServiceEndpointsContract;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}"})
@EmbeddedKafka(partitions = 1)
@ContextConfiguration(initializers = FakeAntiEntropy.class)
class StorageCoordinatorApplicationTests extends ServiceEndpointsContract {
}
