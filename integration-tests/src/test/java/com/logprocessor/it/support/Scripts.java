package com.logprocessor.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.logprocessor.localcluster.security.ClusterSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one of the repository's curl walkthroughs (integration-tests/*.sh) against the test cluster. */
public final class Scripts {

    private Scripts() {
    }

    /**
     * Runs {@code integration-tests/<name>} with the given environment (the services' URLs) and
     * asserts it passed every check; prints its output either way.
     */
    public static void assertPasses(String name, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash",
                TestCluster.get().repoRoot().resolve("integration-tests").resolve(name).toString())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("KEYS_FILE", ClusterSecrets.keysFile(TestCluster.get().runDir()).toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        System.out.println(output);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("checks passed").doesNotContain("  FAIL  ");
    }
}
