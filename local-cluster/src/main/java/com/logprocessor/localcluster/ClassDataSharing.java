package com.logprocessor.localcluster;

import com.logprocessor.localcluster.process.ProcessControl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Faster service start-up through AppCDS (a dynamic class-data-sharing archive per component), the way
 * Spring Boot documents it: the fat jar is extracted once per build ({@code java -Djarmode=tools -jar
 * x.jar extract}) into {@code <run>/cds/<module>/}, the first run of a component records its classes
 * with {@code -XX:ArchiveClassesAtExit} (written when it stops gracefully, i.e. at {@code down}), and
 * later runs map them with {@code -XX:SharedArchiveFile}. No extra start-up run is needed.
 *
 * <p>An archive is used only once its JVM exited gracefully ({@code <component>.jsa.ok}); one that may
 * be incomplete (killed, crashed) is discarded and recorded again. A rebuilt jar or another JDK
 * discards the module's extraction and archives.
 */
final class ClassDataSharing {

    /** How a service JVM is launched: extra JVM options and the jar to run. */
    record Launch(List<String> jvmOptions, Path jar) {
    }

    private final Path dir;
    private final java.util.Map<String, Object> moduleLocks = new java.util.concurrent.ConcurrentHashMap<>();

    ClassDataSharing(Path runDir) {
        this.dir = runDir.resolve("cds");
    }

    /**
     * Extracts the module's fat jar unless already done for this build and JDK; returns the extracted
     * jar, or null when extraction failed (the service then runs from its fat jar, without CDS).
     */
    Path extract(String module, Path fatJar) {
        synchronized (moduleLocks.computeIfAbsent(module, m -> new Object())) {
            try {
                Files.createDirectories(dir);
                Path extracted = dir.resolve(module);
                Path stampFile = dir.resolve(module + ".stamp");
                String stamp = stamp(fatJar);
                boolean fresh = Files.isRegularFile(stampFile)
                        && Files.readString(stampFile, StandardCharsets.UTF_8).equals(stamp)
                        && Files.isRegularFile(extracted.resolve(module + ".jar"));
                if (!fresh) {
                    synchronized (this) {
                        discardArchivesOf(module);
                    }
                    Files.deleteIfExists(stampFile);
                    deleteTree(extracted);
                    Path staging = dir.resolve(module + ".extracting");
                    deleteTree(staging);
                    List<String> extract = List.of(ProcessControl.javaExecutable(), "-Djarmode=tools", "-jar", fatJar.toString(),
                            "extract", "--destination", staging.toString());
                    int exit = ProcessControl.runToCompletion(extract, dir, dir.resolve("extract-" + module + ".log"),
                            Duration.ofMinutes(2));
                    if (exit != 0 || !Files.isRegularFile(staging.resolve(module + ".jar"))) {
                        deleteTree(staging);
                        return null;
                    }
                    Files.move(staging, extracted, StandardCopyOption.ATOMIC_MOVE);
                    Files.writeString(stampFile, stamp, StandardCharsets.UTF_8);
                }
                return extracted.resolve(module + ".jar");
            } catch (IOException e) {
                throw new UncheckedIOException("extracting " + fatJar + ": " + e.getMessage(), e);
            }
        }
    }

    /** JVM options and jar for one run of a component, or null to run the fat jar without CDS. */
    Launch prepare(String component, String module, Path fatJar) {
        Path jar = extract(module, fatJar);
        if (jar == null) {
            return null;
        }
        synchronized (this) {
            try {
                String stamp = Files.readString(dir.resolve(module + ".stamp"), StandardCharsets.UTF_8);
                Path archive = archive(component);
                List<String> options = new ArrayList<>();
                boolean usable = Files.isRegularFile(archive) && Files.isRegularFile(ok(component))
                        && Files.readString(ok(component), StandardCharsets.UTF_8).equals(stamp);
                if (usable) {
                    Files.deleteIfExists(pending(component));
                    options.add("-XX:SharedArchiveFile=" + archive);
                } else {
                    Files.deleteIfExists(archive);
                    Files.deleteIfExists(ok(component));
                    Files.writeString(pending(component), stamp, StandardCharsets.UTF_8);
                    options.add("-XX:ArchiveClassesAtExit=" + archive);
                }
                options.add("-Xlog:cds=error,cds+dynamic=error");
                return new Launch(options, jar);
            } catch (IOException e) {
                throw new UncheckedIOException("class data sharing for " + component + ": " + e.getMessage(), e);
            }
        }
    }

    /** Whether this run of the component writes an archive when it exits (its stop may take longer). */
    boolean recording(String component) {
        return Files.isRegularFile(pending(component));
    }

    /** The component's JVM exited after SIGTERM: an archive it wrote is complete. */
    synchronized void exitedGracefully(String component) {
        try {
            if (Files.isRegularFile(pending(component))) {
                String stamp = Files.readString(pending(component), StandardCharsets.UTF_8);
                Files.deleteIfExists(pending(component));
                if (Files.isRegularFile(archive(component)) && Files.size(archive(component)) > 0) {
                    Files.writeString(ok(component), stamp, StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Killed: an archive it was writing may be incomplete. */
    synchronized void exitedForcibly(String component) {
        try {
            if (Files.isRegularFile(pending(component))) {
                Files.deleteIfExists(pending(component));
                Files.deleteIfExists(archive(component));
                Files.deleteIfExists(ok(component));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void discardArchivesOf(String module) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                boolean ofModule = name.equals(module + ".jsa") || name.startsWith(module + "-") || name.startsWith(module + ".");
                if (ofModule && (name.endsWith(".jsa") || name.endsWith(".jsa.ok") || name.endsWith(".jsa.pending"))) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    private static String stamp(Path fatJar) throws IOException {
        return fatJar.toAbsolutePath() + "|" + Files.size(fatJar) + "|" + Files.getLastModifiedTime(fatJar).toMillis()
                + "|" + System.getProperty("java.home") + "|" + System.getProperty("java.vm.version");
    }

    private Path archive(String component) {
        return dir.resolve(component + ".jsa");
    }

    private Path ok(String component) {
        return dir.resolve(component + ".jsa.ok");
    }

    private Path pending(String component) {
        return dir.resolve(component + ".jsa.pending");
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
