package com.logprocessor.localcluster;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a cluster is: repository, run folder, number of storage nodes, the port of every component,
 * which components run, extra service properties. Stored as {@code <run>/cluster.properties} so a
 * later CLI invocation ({@code status}, {@code kill storage-node-2} …) finds the same cluster.
 */
record ClusterConfig(
        Path repoRoot,
        Path runDir,
        int storageNodes,
        Map<String, Integer> ports,
        Set<String> enabled,
        Map<String, Map<String, String>> extraProperties,
        List<String> serviceJvmOptions,
        boolean classDataSharing) {

    static final String FILE_NAME = "cluster.properties";
    /** Scope of extra properties given to every service. */
    static final String ALL_SERVICES = "all";

    ClusterConfig {
        ports = Collections.unmodifiableMap(new LinkedHashMap<>(ports));
        enabled = Collections.unmodifiableSet(new LinkedHashSet<>(enabled));
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        extraProperties.forEach((scope, props) -> copy.put(scope, Collections.unmodifiableMap(new LinkedHashMap<>(props))));
        extraProperties = Collections.unmodifiableMap(copy);
        serviceJvmOptions = List.copyOf(serviceJvmOptions);
    }

    /** Every component name of this cluster in start order: infrastructure, then the services. */
    List<String> allComponents() {
        List<String> names = new ArrayList<>(ServiceCatalog.INFRASTRUCTURE);
        names.addAll(ServiceCatalog.OPTIONAL_INFRASTRUCTURE);
        ServiceCatalog.services(storageNodes).forEach(s -> names.add(s.name()));
        return names;
    }

    /** The enabled component names, infrastructure first, services in the design's order. */
    List<String> components() {
        return allComponents().stream().filter(enabled::contains).toList();
    }

    int port(String name) {
        Integer port = ports.get(name);
        if (port == null) {
            // A run folder from an older version lacks components added since: they get the design's port.
            port = ServiceCatalog.defaultPorts(storageNodes).get(name);
        }
        if (port == null) {
            throw new IllegalArgumentException("no port for '" + name + "'");
        }
        return port;
    }

    /** The same cluster with another number of storage nodes (new nodes get the design's port when free). */
    ClusterConfig withStorageNodes(int nodes) {
        if (nodes == storageNodes) {
            return this;
        }
        Map<String, Integer> newPorts = new LinkedHashMap<>(ports);
        Set<String> newEnabled = new LinkedHashSet<>(enabled);
        boolean nodesEnabled = enabled.stream().anyMatch(n -> n.startsWith(ServiceCatalog.STORAGE_NODE + "-"));
        for (int i = nodes + 1; i <= storageNodes; i++) {
            newPorts.remove(ServiceCatalog.storageNode(i));
            newEnabled.remove(ServiceCatalog.storageNode(i));
        }
        for (int i = storageNodes + 1; i <= nodes; i++) {
            String name = ServiceCatalog.storageNode(i);
            int port = ServiceCatalog.defaultStorageNodePort(i);
            if (newPorts.containsValue(port)) {
                List<String> one = List.of(name);
                port = PortAllocator.allocate(one).get(name);
            }
            newPorts.put(name, port);
            if (nodesEnabled) {
                newEnabled.add(name);
            }
        }
        return new ClusterConfig(repoRoot, runDir, nodes, newPorts, newEnabled, extraProperties, serviceJvmOptions, classDataSharing);
    }

    static Path file(Path runDir) {
        return runDir.resolve(FILE_NAME);
    }

    void save() {
        Map<String, String> values = new TreeMap<>();
        values.put("repoRoot", repoRoot.toString());
        values.put("storageNodes", Integer.toString(storageNodes));
        values.put("enabled", String.join(",", enabled));
        // Only options that differ from the defaults are kept, so a run folder picks up new defaults.
        if (!serviceJvmOptions.equals(ServiceCatalog.DEFAULT_SERVICE_JVM_OPTIONS)) {
            values.put("serviceJvmOptions", String.join(" ", serviceJvmOptions));
        }
        values.put("classDataSharing", Boolean.toString(classDataSharing));
        ports.forEach((name, port) -> values.put("port." + name, Integer.toString(port)));
        extraProperties.forEach((scope, props) -> props.forEach((key, value) -> values.put("extra." + scope + "." + key, value)));
        try {
            Files.createDirectories(runDir);
            Path tmp = runDir.resolve(FILE_NAME + ".tmp");
            try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                writer.write("# local-cluster state: ports and components of the cluster in this run folder\n");
                for (Map.Entry<String, String> e : values.entrySet()) {
                    Properties one = new Properties();
                    one.setProperty(e.getKey(), e.getValue());
                    java.io.StringWriter line = new java.io.StringWriter();
                    one.store(line, null);
                    line.toString().lines().filter(l -> !l.startsWith("#")).forEach(l -> {
                        try {
                            writer.write(l);
                            writer.write('\n');
                        } catch (IOException ex) {
                            throw new UncheckedIOException(ex);
                        }
                    });
                }
            }
            Files.move(tmp, file(runDir), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file(runDir) + ": " + e.getMessage(), e);
        }
    }

    static boolean exists(Path runDir) {
        return Files.isRegularFile(file(runDir));
    }

    static ClusterConfig load(Path runDir) {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file(runDir), StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file(runDir) + ": " + e.getMessage(), e);
        }
        Map<String, Integer> ports = new LinkedHashMap<>();
        Map<String, Map<String, String>> extra = new LinkedHashMap<>();
        for (String key : new TreeMap<>(Map.copyOf(p)).keySet().stream().map(Object::toString).toList()) {
            if (key.startsWith("port.")) {
                ports.put(key.substring("port.".length()), Integer.parseInt(p.getProperty(key).trim()));
            } else if (key.startsWith("extra.")) {
                String rest = key.substring("extra.".length());
                int dot = rest.indexOf('.');
                if (dot > 0) {
                    extra.computeIfAbsent(rest.substring(0, dot), k -> new LinkedHashMap<>())
                            .put(rest.substring(dot + 1), p.getProperty(key));
                }
            }
        }
        String enabled = p.getProperty("enabled", "");
        String jvm = p.getProperty("serviceJvmOptions", "").trim();
        return new ClusterConfig(
                Path.of(p.getProperty("repoRoot", ".")),
                runDir,
                Integer.parseInt(p.getProperty("storageNodes", "3").trim()),
                ports,
                enabled.isBlank() ? Set.of() : new LinkedHashSet<>(Arrays.asList(enabled.split(","))),
                extra,
                jvm.isEmpty() ? ServiceCatalog.DEFAULT_SERVICE_JVM_OPTIONS : Arrays.asList(jvm.split("\\s+")),
                Boolean.parseBoolean(p.getProperty("classDataSharing", "false").trim()));
    }
}
