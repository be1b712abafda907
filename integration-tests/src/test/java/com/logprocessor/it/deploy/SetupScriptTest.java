package com.logprocessor.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ./setup.sh's command dispatch, the README's first command. The script runs from a copy in a
 * temporary folder with a stand-in {@code mvn} that fails at once, so each case shows which path
 * the arguments took without building or starting anything (and without touching the demo's ports).
 */
class SetupScriptTest {

    @TempDir
    Path dir;

    @BeforeEach
    void copyTheScriptNextToAFailingMaven() throws IOException {
        Files.copy(DeploymentFiles.path("setup.sh"), dir.resolve("setup.sh"), StandardCopyOption.COPY_ATTRIBUTES);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/usr/bin/env bash\necho '[ERROR] stand-in maven refuses to build'\nexit 1\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void aBareSetupShBuildsAndStarts() throws Exception {
        Result result = run();

        assertThat(result.output()).contains("Building (mvn -B install -DskipTests")
                .contains("Build FAILED").contains("stand-in maven refuses to build");
        assertThat(result.exitCode()).isEqualTo(1);
    }

    @Test
    void upWithoutBuildGoesStraightToTheLocalClusterAndSaysWhatIsMissing() throws Exception {
        for (List<String> args : List.of(List.of("--no-build"), List.of("up", "--no-build"))) {
            Result result = run(args.toArray(String[]::new));

            assertThat(result.output()).as("setup.sh %s", args)
                    .doesNotContain("Building")
                    .contains("local-cluster.jar not found: run ./setup.sh build first");
            assertThat(result.exitCode()).isEqualTo(1);
        }
    }

    @Test
    void statusAndDownSayNothingRunsWhenNothingWasStarted() throws Exception {
        for (String command : List.of("status", "down")) {
            Result result = run(command);

            assertThat(result.output()).as("setup.sh %s", command).contains("Nothing is running");
            assertThat(result.exitCode()).isZero();
        }
    }

    @Test
    void helpPrintsTheUsage() throws Exception {
        Result result = run("help");

        assertThat(result.output()).contains("./setup.sh down").contains("./setup.sh status");
        assertThat(result.exitCode()).isZero();
    }

    private record Result(int exitCode, String output) {
    }

    private Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", dir.resolve("setup.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("setup.sh %s finished", String.join(" ", args)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
