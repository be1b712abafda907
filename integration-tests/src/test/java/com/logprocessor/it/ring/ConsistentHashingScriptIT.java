package com.logprocessor.it.ring;

import com.logprocessor.it.support.Scripts;
import com.logprocessor.it.support.TestCluster;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Runs integration-tests/test-consistent-hashing.sh (the seed's curl checks) against the test cluster. */
@Order(30)
class ConsistentHashingScriptIT {

    @Test
    void theSeedsCurlChecksPass() throws Exception {
        Scripts.assertPasses("test-consistent-hashing.sh", Map.of(
                "GATEWAY", TestCluster.gatewayUrl(),
                "COORDINATOR", TestCluster.coordinatorUrl(),
                "NODES", String.join(" ", TestCluster.nodeUrl(1), TestCluster.nodeUrl(2), TestCluster.nodeUrl(3))));
    }
}
