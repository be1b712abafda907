package com.logprocessor.localcluster.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Launches detached OS processes and finds them again later, from this JVM or from another one
 * (the CLI exits while the cluster keeps running).
 *
 * <p>A process is started in its own session ({@code setsid}, when available) with stdin from
 * /dev/null and stdout+stderr appended to its log file, so it survives the launcher and a Ctrl-C in
 * the launcher's terminal. Its pid file holds the pid and the process start time; a pid whose start
 * time differs (pid reuse after a reboot) or that is a zombie counts as not running.
 */
public final class ProcessControl {

    private static final Optional<String> SETSID = findOnPath("setsid");

    private ProcessControl() {
    }

    /** A process found through its pid file. */
    public record Running(long pid, Instant startedAt) {
    }

    public static Path pidFile(Path runDir, String name) {
        return runDir.resolve("pids").resolve(name + ".pid");
    }

    public static Path logFile(Path runDir, String name) {
        return runDir.resolve("logs").resolve(name + ".log");
    }

    /**
     * Starts {@code command} detached, appending its output to {@code logFile}, and records it in
     * {@code pidFile}. Returns the pid.
     */
    public static long launch(List<String> command, Path workDir, Path logFile, Path pidFile,
                              Map<String, String> environment) {
        List<String> full = new ArrayList<>();
        SETSID.ifPresent(full::add);
        full.addAll(command);
        try {
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(pidFile.getParent());
            Files.createDirectories(workDir);
            String banner = System.lineSeparator() + "===== local-cluster: starting at " + Instant.now()
                    + System.lineSeparator() + "===== " + String.join(" ", full) + System.lineSeparator();
            Files.writeString(logFile, banner, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(full)
                    .directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            long pid = process.pid();
            Instant started = process.info().startInstant().orElse(null);
            writePidFile(pidFile, pid, started);
            return pid;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + String.join(" ", full) + ": " + e.getMessage(), e);
        }
    }

    /** Runs a short command to completion, its output appended to {@code logFile}; returns the exit code. */
    public static int runToCompletion(List<String> command, Path workDir, Path logFile, Duration timeout) {
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, System.lineSeparator() + "===== local-cluster: running " + String.join(" ", command)
                            + System.lineSeparator(), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectErrorStream(true)
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s: " + String.join(" ", command));
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** Runs a command and returns its trimmed standard output, or empty on failure. */
    public static Optional<String> output(List<String> command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static void writePidFile(Path pidFile, long pid, Instant started) throws IOException {
        String content = pid + System.lineSeparator() + (started == null ? "" : Long.toString(started.toEpochMilli()))
                + System.lineSeparator();
        Path tmp = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, pidFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The recorded pid, whether or not the process still runs. */
    public static OptionalLong recordedPid(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return OptionalLong.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty() || lines.get(0).isBlank() ? OptionalLong.empty()
                    : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The process recorded in {@code pidFile}, if it is still the same process and alive. */
    public static Optional<Running> running(Path pidFile) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isBlank()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            if (!isAlive(pid)) {
                return Optional.empty();
            }
            Optional<Instant> actualStart = ProcessHandle.of(pid).flatMap(h -> h.info().startInstant());
            if (lines.size() > 1 && !lines.get(1).isBlank() && actualStart.isPresent()) {
                Instant recorded = Instant.ofEpochMilli(Long.parseLong(lines.get(1).trim()));
                if (Math.abs(ChronoUnit.MILLIS.between(recorded, actualStart.get())) > 2_000) {
                    return Optional.empty(); // the pid now belongs to another process
                }
            }
            return Optional.of(new Running(pid, actualStart.orElse(null)));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public static void deletePidFile(Path pidFile) {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Alive and not a zombie (a zombie's parent may be an init that never reaps it). A killed
     * multi-threaded process shows its main thread as a zombie while the other threads are still
     * exiting, and its sockets and files are released only when the last one is gone: until then it
     * counts as alive, so a restart can bind the same port.
     */
    public static boolean isAlive(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        if (Files.isDirectory(Path.of("/proc", "self"))) {
            try {
                String content = Files.readString(proc.resolve("stat"), StandardCharsets.UTF_8);
                int close = content.lastIndexOf(')');
                char state = close >= 0 && close + 2 < content.length() ? content.charAt(close + 2) : '?';
                if (state != 'Z' && state != 'X') {
                    return true;
                }
                try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
                    return tasks.count() > 1;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The process and all its descendants, collected before anything is signalled. */
    public static List<Long> processTree(long pid) {
        List<Long> pids = new ArrayList<>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> pids.add(d.pid())));
        return pids;
    }

    /** Sends a signal by name (TERM, INT, KILL …) with kill(1); returns false if the process is gone. */
    public static boolean signal(long pid, String signal) {
        if (!isAlive(pid)) {
            return false;
        }
        if ("KILL".equals(signal)) {
            return ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false);
        }
        if ("TERM".equals(signal)) {
            return ProcessHandle.of(pid).map(ProcessHandle::destroy).orElse(false);
        }
        return output(List.of("kill", "-s", signal, Long.toString(pid))).isPresent();
    }

    /** Waits until every pid has exited; returns false on timeout. Polls: the processes need not be our children. */
    public static boolean awaitExit(List<Long> pids, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean anyAlive = pids.stream().anyMatch(ProcessControl::isAlive);
            if (!anyAlive) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** The last {@code lines} lines of a file (for error messages). */
    public static String tail(Path file, int lines) {
        try {
            if (!Files.isRegularFile(file)) {
                return "(no log file " + file + ")";
            }
            List<String> all = readLinesLenient(file);
            return all.subList(Math.max(0, all.size() - lines), all.size()).stream()
                    .collect(Collectors.joining(System.lineSeparator()));
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }

    public static List<String> readLinesLenient(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        return List.of(text.split("\\R", -1));
    }

    public static Optional<String> findOnPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            path = "/usr/local/bin:/usr/bin:/bin";
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, executable);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    /** The java launcher of this JVM. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
