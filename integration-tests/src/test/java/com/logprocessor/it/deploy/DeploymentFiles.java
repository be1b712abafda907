package com.logprocessor.it.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the deployment files of the repository (docker-compose.yml, Dockerfile, monitoring/) as
 * plain maps and lists, so the checks read like the files. YAML anchors and merge keys ({@code <<})
 * are resolved by the parser, as Compose resolves them.
 */
final class DeploymentFiles {

    static final Path ROOT = findRoot();

    private DeploymentFiles() {
    }

    /** The repository root: the first folder upwards from the working directory with docker-compose.yml. */
    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> yaml(String relative) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        Object loaded = yaml.load(read(relative));
        return map(loaded, relative);
    }

    static Map<String, Object> json(Path file) {
        try {
            Object loaded = JsonMapper.builder().build().readValue(Files.readString(file), Map.class);
            return map(loaded, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> dashboards() {
        try (Stream<Path> files = Files.list(path("monitoring/grafana/dashboards"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- navigation helpers over the parsed maps ----------------------------------------------

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new AssertionError(what + " is not a mapping: " + value);
        }
        return (Map<String, Object>) value;
    }

    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value == null ? Map.of() : map(value, key);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List)) {
            throw new AssertionError(key + " is not a list: " + value);
        }
        return (List<Object>) value;
    }

    static String string(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value == null ? null : String.valueOf(value);
    }

    // --- docker-compose.yml ---------------------------------------------------------------------

    static Map<String, Object> compose() {
        return yaml("docker-compose.yml");
    }

    static Map<String, Object> service(Map<String, Object> compose, String name) {
        Map<String, Object> services = map(compose, "services");
        if (!services.containsKey(name)) {
            throw new AssertionError("docker-compose.yml has no service '" + name + "'; it has " + services.keySet());
        }
        return map(services.get(name), name);
    }

    /** A service's environment as strings, whether written as a mapping or as KEY=VALUE items. */
    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object raw = service.get("environment");
        if (raw instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (raw instanceof List<?> items) {
            for (Object item : items) {
                String s = String.valueOf(item);
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : s.substring(eq + 1));
            }
        }
        return env;
    }

    /** Published ports as (host port, container port), from short syntax {@code [ip:]host:container}. */
    static List<int[]> publishedPorts(Map<String, Object> service) {
        List<int[]> ports = new ArrayList<>();
        for (Object entry : list(service, "ports")) {
            String spec = String.valueOf(entry).replaceAll("/(tcp|udp)$", "");
            // From the right: the host IP part may itself contain ':' (e.g. ${BIND_ADDRESS:-127.0.0.1}).
            int last = spec.lastIndexOf(':');
            int previous = spec.lastIndexOf(':', last - 1);
            int container = Integer.parseInt(spec.substring(last + 1));
            int host = Integer.parseInt(spec.substring(previous + 1, last));
            ports.add(new int[] {host, container});
        }
        return ports;
    }

    /** depends_on as service name to condition (the short list form means service_started). */
    static Map<String, String> dependsOn(Map<String, Object> service) {
        Map<String, String> deps = new LinkedHashMap<>();
        Object raw = service.get("depends_on");
        if (raw instanceof Map<?, ?> m) {
            m.forEach((k, v) -> deps.put(String.valueOf(k), String.valueOf(map(v, "depends_on." + k).get("condition"))));
        } else if (raw instanceof List<?> names) {
            names.forEach(n -> deps.put(String.valueOf(n), "service_started"));
        }
        return deps;
    }

    /** The healthcheck command as one string (exec-form items joined by spaces). */
    static String healthcheck(Map<String, Object> service) {
        Object test = map(service, "healthcheck").get("test");
        if (test instanceof List<?> items) {
            return String.join(" ", items.stream().map(String::valueOf).toList());
        }
        return test == null ? "" : String.valueOf(test);
    }

    /** Bind mounts of a service as host path (relative to the repository) to container path. */
    static Map<String, String> bindMounts(Map<String, Object> service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Object entry : list(service, "volumes")) {
            String[] parts = String.valueOf(entry).split(":");
            if (parts[0].startsWith("./")) {
                mounts.put(parts[0].substring(2), parts[1]);
            }
        }
        return mounts;
    }
}
