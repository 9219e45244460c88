package org.watchpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.agent.daemon.TestSites;
import org.watchpost.agent.journal.DataDirLock;

/** What the commands say when a user points them at the wrong thing, or a page tries to reach the terminal. */
class HardeningCommandsTest {
    @TempDir
    Path dir;

    @Test
    void runRefusesADataDirectoryAnotherAgentUsesWithExit2AndTheDirectoryNamed() throws IOException {
        Path config = TestSites.configFile(dir, "- { name: t, url: \"http://127.0.0.1:9/\" }");
        try (DataDirLock other = DataDirLock.acquire(dir)) {
            assertThat(other.held()).isTrue();
            Cli c = Cli.run("run", "--config", config.toString());
            assertThat(c.exit).as(c.toString()).isEqualTo(2);
            assertThat(c.err).contains("run: the data directory " + dir.toAbsolutePath())
                    .contains("already used by another agent");
            assertThat(dir.resolve("logs")).as("nothing written into the other agent's log").doesNotExist();
        }
    }

    @Test
    void classifyOnADirectoryNamesThePath() {
        Cli c = Cli.run("classify", dir.toString());
        assertThat(c.exit).isEqualTo(2);
        assertThat(c.err).contains("classify: " + dir.toAbsolutePath() + " is a directory");
    }

    @Test
    void terminalEscapesFromAPageNeverReachTheTerminalInTextFormat() throws IOException {
        String esc = "\u001b";
        Path page = Files.writeString(dir.resolve("page.html"), "<html><head><title>News" + esc + "]0;owned"
                + "\u0007" + esc + "[2J</title></head><body>Fatal error: Uncaught Exception: " + esc + "[31mred"
                + esc + "[0m in /var/www/x.php:3</body></html>");
        Cli c = Cli.run("classify", "--format", "text", page.toString());
        assertThat(c.out).contains("News").contains("red");
        assertThat(c.out).doesNotContain(esc).doesNotContain("\u0007");
    }

    @Test
    void allowedHostsAreCheckedByCheckConfig() throws IOException {
        Path good = Files.writeString(dir.resolve("good.yml"), "agent: { allowed_hosts: [agent.example.org, "
                + "monitor-1] }\ntargets:\n  - { name: t, url: \"http://127.0.0.1:9/\" }\n");
        assertThat(Cli.run("check-config", "--config", good.toString()).exit).isZero();
        Path bad = Files.writeString(dir.resolve("bad.yml"), "agent: { allowed_hosts: [\"agent.example.org:9920\"] }"
                + "\ntargets:\n  - { name: t, url: \"http://127.0.0.1:9/\" }\n");
        Cli c = Cli.run("check-config", "--config", bad.toString());
        assertThat(c.exit).isEqualTo(2);
        assertThat(c.err).contains("agent.allowed_hosts[0] 'agent.example.org:9920' is not a host name");
    }
}
