package org.watchpost.collector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CollectorMainTest {
    @Test
    void versionNamesTheRelease() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new CollectorMain());
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--version")).isZero();
        assertThat(out.toString()).startsWith("watchpost-collector ").doesNotContain("unknown");
    }

    @Test
    void helpDescribesTheCollector() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new CollectorMain());
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("Usage: watchpost-collector").contains("check-config").contains("token");
    }
}
