package com.logprocessor.localcluster;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the repository root: the folder with pom.xml and local-cluster/ (where the service jars are built). */
final class RepoLocator {

    static final String PROPERTY = "localcluster.repoRoot";

    private RepoLocator() {
    }

    static Path find() {
        List<Path> starts = new ArrayList<>();
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.isEmpty() && !classPath.contains(File.pathSeparator) && classPath.endsWith(".jar")) {
            starts.add(Path.of(classPath).toAbsolutePath()); // java -jar local-cluster/target/local-cluster.jar
        }
        starts.add(Path.of("").toAbsolutePath());
        for (Path start : starts) {
            for (Path p = start; p != null; p = p.getParent()) {
                if (isRepoRoot(p)) {
                    return p.normalize();
                }
            }
        }
        throw new IllegalStateException("cannot find the repository root (a folder with pom.xml and local-cluster/) above "
                + starts + "; pass --repo-root DIR (CLI) or repoRoot(path) (API)");
    }

    static boolean isRepoRoot(Path p) {
        return Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("local-cluster"));
    }
}
