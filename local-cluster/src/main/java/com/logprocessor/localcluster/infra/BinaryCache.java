package com.logprocessor.localcluster.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Binaries shipped inside Maven artifacts (PostgreSQL, redis-server), unpacked once per machine into
 * {@code ${java.io.tmpdir}/log-storage-local-cluster/<name>-<sha256 prefix>} and shared by every run
 * folder. World-readable, so PostgreSQL can run them as an unprivileged user.
 */
final class BinaryCache {

    /** Unpacks into the given (empty, temporary) directory. */
    interface Unpacker {
        void unpack(Path archive, Path target) throws IOException;
    }

    private BinaryCache() {
    }

    static Path root() {
        return Path.of(System.getProperty("java.io.tmpdir"), "log-storage-local-cluster");
    }

    /**
     * Copies {@code resource} to a temporary file, names the cache entry after its hash and unpacks it
     * there unless already done. Safe when several JVMs do it at once.
     */
    static Path prepare(String name, InputStream resource, Unpacker unpacker) {
        try (InputStream in = resource) {
            Path root = root();
            Files.createDirectories(root);
            openUp(root);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Path archive = Files.createTempFile(root, name + "-", ".download");
            try {
                try (DigestInputStream digest = new DigestInputStream(in, sha)) {
                    Files.copy(digest, archive, StandardCopyOption.REPLACE_EXISTING);
                }
                String hash = HexFormat.of().formatHex(sha.digest()).substring(0, 12);
                Path target = root.resolve(name + "-" + hash);
                Path complete = target.resolve(".complete");
                if (Files.exists(complete)) {
                    return target;
                }
                try (FileChannel lockChannel = FileChannel.open(root.resolve(name + "-" + hash + ".lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = lockChannel.lock()) {
                    if (Files.exists(complete)) {
                        return target;
                    }
                    deleteTree(target);
                    Path staging = Files.createTempDirectory(root, name + "-staging-");
                    openUp(staging);
                    unpacker.unpack(archive, staging);
                    Files.createFile(staging.resolve(".complete"));
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                    return target;
                }
            } finally {
                Files.deleteIfExists(archive);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack " + name + " binaries: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** rwxr-xr-x: readable and traversable by the unprivileged user PostgreSQL runs as. */
    static void openUp(Path dir) throws IOException {
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException | IOException e) {
            // not POSIX or not ours: leave it
        }
    }

    static void makeExecutable(Path file) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        perms.add(PosixFilePermission.OWNER_EXECUTE);
        perms.add(PosixFilePermission.GROUP_EXECUTE);
        perms.add(PosixFilePermission.OTHERS_EXECUTE);
        perms.add(PosixFilePermission.OWNER_READ);
        perms.add(PosixFilePermission.GROUP_READ);
        perms.add(PosixFilePermission.OTHERS_READ);
        Files.setPosixFilePermissions(file, perms);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
