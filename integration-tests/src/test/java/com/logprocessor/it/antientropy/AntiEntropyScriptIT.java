package com.logprocessor.it.antientropy;

import com.logprocessor.it.support.Scripts;
import com.logprocessor.it.support.TestCluster;
import com.logprocessor.localcluster.LocalCluster;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Runs integration-tests/test-anti-entropy.sh (the Day 29 seed's anti-entropy walkthrough with curl) against the test cluster. */
@Order(68)
class AntiEntropyScriptIT {

    @Test
    void theSeedsAntiEntropyWalkthroughPasses() throws Exception {
        LocalCluster cluster = TestCluster.get();
        Scripts.assertPasses("test-anti-entropy.sh", Map.of(
                "GATEWAY", cluster.url(TestCluster.GATEWAY),
                "COORDINATOR", cluster.url(TestCluster.COORDINATOR),
                "NODES", String.join(" ", TestCluster.nodeUrl(1), TestCluster.nodeUrl(2), TestCluster.nodeUrl(3)),
                "MERKLE", cluster.url(TestCluster.MERKLE),
                "ANTI_ENTROPY", cluster.url(TestCluster.ANTI_ENTROPY),
                "READ_REPAIR", cluster.url(TestCluster.READ_REPAIR),
                "HINT_MANAGER", cluster.url(TestCluster.HINT_MANAGER)));
    }
}
