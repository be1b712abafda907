package com.logprocessor.localcluster.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import redis.embedded.core.ExecutableProvider;
import redis.embedded.model.OsArchitecture;

/**
 * redis-server (6.2) shipped inside com.github.codemonstur:embedded-redis, run as a plain process with
 * an append-only file in {@code <run>/redis}, so ring tokens and membership survive a restart.
 */
public final class RedisServer {

    private RedisServer() {
    }

    public static Path dataDir(Path runDir) {
        return runDir.resolve("redis");
    }

    /** The redis-server executable, unpacked once per machine. */
    public static Path executable() {
        OsArchitecture platform = OsArchitecture.detectOSandArchitecture();
        Map<OsArchitecture, String> provided = ExecutableProvider.newProvidedVersionsMap();
        String resource = provided.get(platform);
        if (resource == null) {
            throw new IllegalStateException("embedded-redis ships no redis-server for " + platform.os + "/" + platform.arch);
        }
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        InputStream in = RedisServer.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("resource " + name + " not found on the class path (embedded-redis)");
        }
        Path dir = BinaryCache.prepare("redis", in, (archive, target) -> {
            Path exe = target.resolve("redis-server");
            Files.copy(archive, exe);
            BinaryCache.makeExecutable(exe);
        });
        return dir.resolve("redis-server");
    }

    public static List<String> command(Path runDir, int port) {
        try {
            Files.createDirectories(dataDir(runDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of(executable().toString(),
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--protected-mode", "yes",
                "--daemonize", "no",
                "--dir", dataDir(runDir).toAbsolutePath().toString(),
                "--appendonly", "yes",
                "--appendfsync", "everysec",
                "--save", "",
                "--logfile", "");
    }

    /** PING answered with PONG (not LOADING while the append-only file is replayed). */
    public static boolean isReady(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] buffer = new byte[64];
            int n = socket.getInputStream().read(buffer);
            return n > 0 && new String(buffer, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }
}
