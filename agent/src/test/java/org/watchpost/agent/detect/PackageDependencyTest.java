package org.watchpost.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * detect depends on probe and protocol only (ARCHITECTURE.md: "detect → probe → protocol"); config builds detect's
 * settings objects (Expect, the user's signatures), never the other way round, so the two cannot form a cycle again.
 */
class PackageDependencyTest {
    private static final Path SOURCES = Path.of("src/main/java/org/watchpost/agent/detect");

    @Test
    void detectImportsNothingAboveIt() throws IOException {
        List<String> offending = new ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    String l = line.strip();
                    if ((l.startsWith("import org.watchpost.agent.") || l.startsWith("import static org.watchpost.agent."))
                            && !l.contains("org.watchpost.agent.detect.") && !l.contains("org.watchpost.agent.probe.")) {
                        offending.add(f.getFileName() + ": " + l);
                    }
                    if (l.contains("org.watchpost.agent.config.") || l.contains("org.watchpost.agent.cli.")) {
                        offending.add(f.getFileName() + ": " + l);
                    }
                }
            }
        }
        assertThat(offending).as("detect must not depend on config, cli or other agent packages").isEmpty();
    }
}
