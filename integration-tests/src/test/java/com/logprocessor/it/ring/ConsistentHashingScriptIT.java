package com.logprocessor.it.ring;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.it.support.TestCluster;
import com.logprocessor.localcluster.LocalCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Runs integration-tests/test-consistent-hashing.sh (the seed's curl checks) against the test cluster. */
@Order(30)
class ConsistentHashingScriptIT {

    @Test
    void theSeedsCurlChecksPass() throws IOException, InterruptedException {
        LocalCluster cluster = TestCluster.get();
        Path script = cluster.repoRoot().resolve("integration-tests/test-consistent-hashing.sh");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        builder.environment().put("GATEWAY", TestCluster.gatewayUrl());
        builder.environment().put("COORDINATOR", TestCluster.coordinatorUrl());
        builder.environment().put("NODES", String.join(" ", TestCluster.nodeUrl(1), TestCluster.nodeUrl(2), TestCluster.nodeUrl(3)));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        System.out.println(output);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("checks passed").doesNotContain("FAIL");
    }
}
