package org.watchpost.collector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.collector.config.CollectorConfigLoader;
import org.watchpost.collector.ingest.AgentTokens;
import picocli.CommandLine;

class CollectorMainTest {
    @TempDir
    Path tmp;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = CollectorMain.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void versionNamesTheRelease() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("watchpost-collector ").doesNotContain("unknown");
    }

    @Test
    void helpListsTheCommandsItHas() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: watchpost-collector").contains("run").contains("check-config")
                .contains("token").contains("not part of this release");
    }

    @Test
    void tokenPrintsATokenAndTheHashLineThatAcceptsIt() throws Exception {
        assertThat(run("token")).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(2);
        String token = lines[0];
        assertThat(lines[1]).isEqualTo("token_sha256: " + AgentTokens.sha256Hex(token));
        // The printed line, pasted under an agent's entry, makes a valid config that accepts the token.
        String yaml = "agents:\n  - id: eu-1\n    " + lines[1] + "\n";
        var config = CollectorConfigLoader.parse(tmp.resolve("c.yml"), yaml);
        assertThat(new AgentTokens(config.agents()).authenticate("Bearer " + token)).contains("eu-1");
    }

    @Test
    void checkConfigPrintsEveryProblemWithItsPositionAndExits2() throws Exception {
        Path file = tmp.resolve("collector.yml");
        Files.writeString(file, "agents:\n  - { id: eu-1, token_sha256: nope }\nlimits: { max_json_depth: 2 }\n");

        assertThat(run("check-config", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString().lines().toList()).containsExactly(
                file + ":2:31: agents[0].token_sha256 must be the SHA-256 of the agent's token (64 hex digits, from:"
                        + " watchpost-collector token), not 'nope'",
                file + ":3:27: limits.max_json_depth must be between 8 and 1000, not 2");
    }

    @Test
    void checkConfigAcceptsTheExample() {
        assertThat(run("check-config", "--config", "../examples/collector.yml")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("valid, 2 agents");
    }

    @Test
    void aMissingFileIsOneSentence() {
        assertThat(run("check-config", "--config", tmp.resolve("nope.yml").toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(tmp.resolve("nope.yml") + ": no such file\n");
    }
}
