package org.watchpost.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's shipped files, found through the system property {@code repo.root} that Maven sets. */
public final class RepoFiles {
    private RepoFiles() {
    }

    public static Path root() {
        String property = System.getProperty("repo.root");
        if (property == null || property.isBlank()) {
            throw new IllegalStateException("system property repo.root is not set: run the deploy tests through Maven"
                    + " (./mvnw -B verify -pl deploy), whose surefire and failsafe configuration sets it");
        }
        Path root = Path.of(property).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("dashboards")) || !Files.isDirectory(root.resolve("deploy"))) {
            throw new IllegalStateException("repo.root " + root + " has no dashboards/ and deploy/ directories");
        }
        return root;
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }

    public static String read(String relative) {
        Path file = path(relative);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /** The files directly in {@code dir} whose names end with {@code suffix}, sorted; fails when there are none. */
    public static List<Path> list(String dir, String suffix) {
        try (Stream<Path> files = Files.list(path(dir))) {
            List<Path> found = files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("no *" + suffix + " files in " + path(dir));
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + path(dir), e);
        }
    }
}
