package org.watchpost.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The demo, as a new user runs it, for the time the README promises: the press page must go down with
 * db_storage_full, the table name in the evidence, within 15 seconds.
 */
class DemoCommandTest {
    @Test
    void pressPageGoesDownWithDbStorageFullWithinFifteenSeconds() {
        Cli c = Cli.run("demo", "--duration", "14s", "--plain");

        assertThat(c.exit).as(c.toString()).isZero();
        assertThat(c.out).contains("metrics: http://127.0.0.1:");
        assertThat(c.out).containsPattern("press +up → DOWN +db_storage_full: \\[table=watchdog]");
        assertThat(c.out).containsPattern("news +UP ");
        assertThat(c.out).containsPattern("blog +DOWN +db_connection +500");
        assertThat(c.out).containsPattern("search +DOWN +timeout");
        assertThat(c.out).containsPattern("library +DOWN +upstream_unavailable +502");
        assertThat(c.out).contains("Stopping the demo.");
    }
}
