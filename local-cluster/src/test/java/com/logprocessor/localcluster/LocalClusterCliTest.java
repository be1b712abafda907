package com.logprocessor.localcluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalClusterCliTest {

    @TempDir
    Path tempDir;

    @Test
    void cleanDeletesEverythingInTheRunFolderButTheLockItHolds() throws Exception {
        Path runDir = tempDir.resolve("run");
        Files.createDirectories(runDir.resolve("postgres/data/base"));
        Files.writeString(runDir.resolve("postgres/data/base/1234"), "rows");
        Files.createDirectories(runDir.resolve("logs"));
        Files.writeString(runDir.resolve("logs/storage-node-1.log"), "started");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = new LocalClusterCli(new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run(new String[] {"clean", "--run-dir", runDir.toString()});

        assertThat(exit).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Deleted " + runDir);
        try (Stream<Path> left = Files.list(runDir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(".lock");
        }
    }
}
