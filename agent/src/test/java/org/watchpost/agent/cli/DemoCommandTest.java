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
        Cli c = Cli.run("demo", "--duration", "14s", "--plain", "--collector", "none");

        assertThat(c.exit).as(c.toString()).isZero();
        assertThat(c.out).contains("agent eu-1:  http://127.0.0.1:").contains("collector:   none (--collector none)");
        assertThat(c.out).containsPattern("eu-1 +press +up → DOWN +db_storage_full: \\[table=watchdog]");
        assertThat(c.out).containsPattern("us-1 +press +up → DOWN +db_storage_full: \\[table=watchdog]");
        assertThat(c.out).containsPattern("news +UP +UP ");
        assertThat(c.out).containsPattern("blog +DOWN +DOWN +db_connection +500");
        assertThat(c.out).containsPattern("search +DOWN +DOWN +timeout");
        assertThat(c.out).containsPattern("library +DOWN +DOWN +upstream_unavailable +502");
        // One region sees the portal fail, the other does not.
        assertThat(c.out).containsPattern("portal +UP +DOWN +upstream_unavailable +504");
        assertThat(c.out).contains("Stopping the demo.");
    }
}
