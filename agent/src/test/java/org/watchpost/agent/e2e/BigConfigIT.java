package org.watchpost.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config of 20,000 targets given to a JVM with a 64 MiB heap: it ran out of memory while parsing and exited 1 with a
 * stack trace. Now it either fits, or the command exits 2 with one sentence naming the file and the way out.
 */
class BigConfigIT {
    @TempDir
    Path dir;

    @Test
    void aConfigTooLargeForTheHeapExits2WithASentenceNotAStackTrace() throws Exception {
        StringBuilder yaml = new StringBuilder("agent: { id: big, listen: \"127.0.0.1:0\", data_dir: \"" + dir
                + "/data\" }\ntargets:\n");
        for (int i = 0; i < 20_000; i++) {
            yaml.append("  - { name: page-").append(i).append(", url: \"http://127.0.0.1:9/p/").append(i)
                    .append("\", labels: { site: s").append(i % 50).append(", team: web } }\n");
        }
        Path config = Files.writeString(dir.resolve("big.yml"), yaml);
        for (String command : List.of("check-config", "run")) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-jar", AgentProcess.agentJar().toString(), command, "--config", config.toString())
                    .redirectErrorStream(true).start();
            boolean ended = p.waitFor(120, TimeUnit.SECONDS);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ended) {
                p.destroyForcibly();
            }
            assertThat(ended).as(command + " ended").isTrue();
            if (p.exitValue() == 0) {
                assertThat(command).as("only check-config may succeed and exit").isEqualTo("check-config");
                assertThat(out).contains("valid, 20000 targets");
            } else {
                assertThat(p.exitValue()).as(out).isEqualTo(2);
                assertThat(out).contains(config + ": too large to read within this JVM's")
                        .doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
            }
            System.out.printf("RELIABILITY big-config: %s of 20,000 targets at -Xmx64m: exit %d: %s%n", command,
                    p.exitValue(), out.strip().lines().reduce((a, b) -> b).orElse(""));
        }
    }
}
