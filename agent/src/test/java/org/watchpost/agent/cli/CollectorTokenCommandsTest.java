package org.watchpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A token file that cannot be used stops check-config and run with one line naming the file, and never the token. */
class CollectorTokenCommandsTest {
    @TempDir
    Path dir;

    private Path config() throws Exception {
        Path file = dir.resolve("agent.yml");
        Files.writeString(file, "agent: { data_dir: data, listen: \"127.0.0.1:0\" }\n"
                + "collector:\n  url: http://127.0.0.1:9/\n  token_file: collector.token\n"
                + "targets: [{name: a, url: \"http://127.0.0.1:9/\"}]\n");
        return file;
    }

    @Test
    void checkConfigAndRunNameAMissingTokenFile() throws Exception {
        Path file = config();
        String expected = file + ":4:15: collector.token_file 'collector.token' does not exist";

        Cli check = Cli.run("check-config", "--config", file.toString());
        assertThat(check.exit).as(check.toString()).isEqualTo(2);
        assertThat(check.err.strip()).isEqualTo(expected);

        Cli run = Cli.run("run", "--config", file.toString());
        assertThat(run.exit).as(run.toString()).isEqualTo(2);
        assertThat(run.err.strip()).isEqualTo(expected);
    }

    @Test
    void anEmptyTokenFileIsRefusedAndAGoodOneIsNeverPrinted() throws Exception {
        Path file = config();
        Files.writeString(dir.resolve("collector.token"), "\n");
        Cli empty = Cli.run("check-config", "--config", file.toString());
        assertThat(empty.exit).isEqualTo(2);
        assertThat(empty.err).contains("collector.token_file 'collector.token' is empty");

        Files.writeString(dir.resolve("collector.token"), "wp_never-print-me\n");
        Cli ok = Cli.run("check-config", "--config", file.toString());
        assertThat(ok.exit).as(ok.toString()).isZero();
        assertThat(ok.out + ok.err).doesNotContain("wp_never-print-me");
    }
}
