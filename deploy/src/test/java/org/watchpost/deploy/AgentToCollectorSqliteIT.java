package org.watchpost.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.agent.e2e.AgentProcess;
import org.watchpost.agent.e2e.CollectorProcess;

/**
 * A real agent forwarding to a real collector on SQLite (both {@code java -jar}, as users run them), with the
 * founding failure and a healthy page served on loopback: every journalled record arrives once; a collector that is
 * stopped for a while costs nothing; a collector killed with {@code kill -9} in the middle of ingesting a backlog
 * stores no partial report and has every record the agent was told it stored.
 */
class AgentToCollectorSqliteIT {
    private static final String AGENT = "sqlite-agent";

    @Test
    void everyJournalledRecordArrivesExactlyOnce(@TempDir Path dir) {
        PipeScenarios.exactlyOnce(dir, AGENT, PipeScenarios.sqlite(dir.resolve("collector-data")));
    }

    @Test
    void aCollectorStoppedForAWhileCostsNothing(@TempDir Path dir) {
        Pipe.Credentials who = Pipe.Credentials.make(dir, AGENT);
        int port = CollectorProcess.freePort();
        Path config = Pipe.collectorConfig(dir, port, dir.resolve("collector-data"), "", List.of(who));
        try (Pipe.Site site = Pipe.Site.start()) {
            Path agentConfig = Pipe.agentConfig(dir, who, port, 500, List.of(
                    new Pipe.Target("seed-press", site.press()), new Pipe.Target("seed-healthy", site.url("/"))));
            AtomicReference<CollectorProcess> running = new AtomicReference<>(
                    CollectorProcess.start(config, port, dir.resolve("collector-log")));
            try (AgentProcess agent = AgentProcess.start(agentConfig, dir.resolve("agent"))) {
                CollectorProcess first = running.get();
                Pipe.awaitDelivered(agent, first, AGENT, 4, () -> Pipe.logs(agent, first));
                Pipe.AgentFigures before = Pipe.AgentFigures.of(agent);

                first.close(); // SIGTERM
                AtomicReference<Pipe.AgentFigures> during = new AtomicReference<>();
                Pipe.await("the agent to keep journalling while the collector is away, its lag growing and its"
                        + " errors counted", () -> during.get() + "\n" + Pipe.logs(agent, null), () -> {
                    Pipe.AgentFigures now = Pipe.AgentFigures.of(agent);
                    during.set(now);
                    assertThat(now.lag()).as("forward lag").isGreaterThanOrEqualTo(10);
                    assertThat(now.errors()).as("forward errors").isGreaterThan(before.errors() + 1);
                    assertThat(now.head()).as("head").isGreaterThanOrEqualTo(before.head() + 10);
                });
                assertThat(Pipe.AgentFigures.of(agent).cursor()).as("the cursor waits for the collector")
                        .isEqualTo(during.get().cursor());

                running.set(CollectorProcess.start(config, port, dir.resolve("collector-log")));
                CollectorProcess back = running.get();
                Pipe.awaitDelivered(agent, back, AGENT, during.get().head(), () -> Pipe.logs(agent, back));
                assertThat(Pipe.AgentFigures.of(agent).lag()).as("lag once the backlog is delivered").isLessThan(5);
            } finally {
                running.get().close();
            }
        }
    }

    @Test
    void aCollectorKilledMidIngestStoresNoPartialReportAndLosesNothingAcknowledged(@TempDir Path dir) {
        PipeScenarios.killedMidIngest(dir, AGENT, PipeScenarios.sqlite(dir.resolve("collector-data")));
    }

    /** Targets enough for a steady stream of small reports: each probe is one record, every 500 ms. */
    static List<Pipe.Target> manyTargets(Pipe.Site site, int n) {
        List<Pipe.Target> out = new ArrayList<>();
        out.add(new Pipe.Target("seed-press", site.press()));
        for (int i = 1; i < n; i++) {
            out.add(new Pipe.Target("page-" + i, site.url("/page/" + i)));
        }
        return out;
    }
}
