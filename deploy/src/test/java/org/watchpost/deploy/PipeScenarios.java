package org.watchpost.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.watchpost.agent.e2e.AgentProcess;
import org.watchpost.agent.e2e.CollectorProcess;
import org.watchpost.agent.e2e.PrometheusText;

/** The ingest scenarios both stores must pass; the SQLite and PostgreSQL test classes run them on their database. */
final class PipeScenarios {
    /** How the test reads the collector's database behind its back: JDBC URL and login (null for SQLite). */
    record Db(String section, String jdbcUrl, String user, String password) {
    }

    private PipeScenarios() {
    }

    static Db sqlite(Path dataDir) {
        return new Db("", "jdbc:sqlite:" + dataDir.resolve("collector.db"), null, null);
    }

    /**
     * A healthy page and the founding failure: the collector ends up with every record the agent journalled, once,
     * and shows the full watchdog table with its evidence.
     */
    static void exactlyOnce(Path dir, String agentId, Db db) {
        Pipe.Credentials who = Pipe.Credentials.make(dir, agentId);
        int port = CollectorProcess.freePort();
        Path config = Pipe.collectorConfig(dir, port, dir.resolve("collector-data"), db.section(), List.of(who));
        try (Pipe.Site site = Pipe.Site.start();
             CollectorProcess collector = CollectorProcess.start(config, port, dir.resolve("collector-log"))) {
            Path agentConfig = Pipe.agentConfig(dir, who, port, 500, List.of(
                    new Pipe.Target("seed-press", site.press()), new Pipe.Target("seed-healthy", site.url("/"))));
            try (AgentProcess agent = AgentProcess.start(agentConfig, dir.resolve("agent"))) {
                Pipe.awaitDelivered(agent, collector, agentId, 10, () -> Pipe.logs(agent, collector));
                Pipe.assertFullTableSeen(collector, "seed-press", agentId);
                Pipe.AgentFigures seen = Pipe.AgentFigures.of(agent);
                Pipe.Stored stored = Pipe.stored(db.jdbcUrl(), db.user(), db.password(), agentId);
                assertThat(stored.seqs().first()).as("lowest stored sequence").isEqualTo(1);
                assertThat(stored.seqs().last()).as("highest stored sequence").isGreaterThanOrEqualTo(seen.head());
                assertThat(stored.seqs().size()).as("rows stored for 1..%d", stored.seqs().last())
                        .isEqualTo((int) (long) stored.seqs().last());
                assertThat(seen.acknowledged()).as("the agent's acknowledged records").isEqualTo(seen.cursor());
                Pipe.await("the collector's /metrics to count what it stored", () -> Pipe.logs(agent, collector),
                        () -> {
                            Pipe.Accounting c = Pipe.accounting(collector, agentId);
                            PrometheusText m = PrometheusText.parse(collector.get("/metrics"));
                            assertThat(m.value("watchpost_collector_ingested_total", Map.of("agent", agentId)))
                                    .as("watchpost_collector_ingested_total{agent=%s}", agentId)
                                    .hasValue((double) c.received());
                            assertThat(m.value("watchpost_collector_agent_sequence_gaps", Map.of("agent", agentId)))
                                    .hasValue(0.0);
                        });
            }
        }
    }

    /**
     * The agent piles up a backlog while the collector is away; the collector comes up, and is killed with SIGKILL
     * while the backlog flows in reports of two records. Then, with both stopped, its database holds whole reports
     * only, and every sequence up to the agent's cursor; restarted, it accounts for exactly what it holds; and once
     * the agent is back everything arrives once.
     */
    static void killedMidIngest(Path dir, String agentId, Db db) {
        Pipe.Credentials who = Pipe.Credentials.make(dir, agentId);
        int port = CollectorProcess.freePort();
        Path config = Pipe.collectorConfig(dir, port, dir.resolve("collector-data"), db.section(), List.of(who));
        Path agentDir = dir.resolve("agent");
        Path collectorLog = dir.resolve("collector-log");
        try (Pipe.Site site = Pipe.Site.start()) {
            Path agentConfig = Pipe.agentConfig(dir, who, port, 2, AgentToCollectorSqliteIT.manyTargets(site, 20));
            long cursorAtKill;
            long backlogAtKill;
            try (AgentProcess agent = AgentProcess.start(agentConfig, agentDir)) {
                Pipe.await("a backlog of 300 records in the agent's journal", () -> Pipe.logs(agent, null),
                        () -> assertThat(Pipe.AgentFigures.of(agent).lag()).isGreaterThanOrEqualTo(300));
                CollectorProcess collector = CollectorProcess.start(config, port, collectorLog);
                try {
                    awaitIngesting(collector, agentId, agent);
                } finally {
                    collector.kill();
                }
                double errorsAtKill = Pipe.AgentFigures.of(agent).errors();
                AtomicReference<Pipe.AgentFigures> after = new AtomicReference<>();
                Pipe.await("the agent to notice the collector is gone", () -> after.get() + "\n"
                        + Pipe.logs(agent, collector), () -> {
                    after.set(Pipe.AgentFigures.of(agent));
                    assertThat(after.get().errors()).isGreaterThan(errorsAtKill);
                });
                cursorAtKill = after.get().cursor();
                backlogAtKill = after.get().lag();
                assertThat(backlogAtKill).as("records still to send when the collector was killed (else the kill"
                        + " came after the backlog, not in the middle of it): %s", after.get()).isGreaterThan(50);
            }

            Pipe.Stored stored = Pipe.stored(db.jdbcUrl(), db.user(), db.password(), agentId);
            String shown = "stored " + Pipe.Stored.show(stored.seqRanges()) + ", accounted "
                    + Pipe.Stored.show(stored.ranges()) + ", received " + stored.accountedReceived()
                    + ", the agent's cursor " + cursorAtKill;
            assertThat(Pipe.Stored.show(stored.seqRanges())).as("rows stored versus the collector's ranges: " + shown)
                    .isEqualTo(Pipe.Stored.show(stored.ranges()));
            assertThat(stored.accountedReceived()).as("received versus rows: " + shown)
                    .isEqualTo(stored.seqs().size());
            assertThat(stored.seqRanges()).as("one run 1..N of whole reports, sent in order: " + shown).hasSize(1);
            assertThat(stored.seqs().first()).as(shown).isEqualTo(1);
            assertThat(stored.seqs().last()).as("everything the agent was told is stored: " + shown)
                    .isGreaterThanOrEqualTo(cursorAtKill);

            try (CollectorProcess collector = CollectorProcess.start(config, port, collectorLog)) {
                Pipe.Accounting c = Pipe.accounting(collector, agentId);
                assertThat(c.consistent()).as("accounting after the restart: %s; %s", c, shown).isTrue();
                assertThat(c.gaps()).as("gaps after the restart: %s", c).isZero();
                assertThat(c.received()).as("received after the restart: %s", c).isEqualTo(stored.seqs().size());
                try (AgentProcess agent = AgentProcess.start(agentConfig, agentDir)) {
                    Pipe.awaitDelivered(agent, collector, agentId, cursorAtKill + backlogAtKill,
                            () -> Pipe.logs(agent, collector));
                }
            }
        }
    }

    /** Returns as soon as the collector holds part of the agent's backlog: reports are flowing. */
    private static void awaitIngesting(CollectorProcess collector, String agentId, AgentProcess agent) {
        try {
            Awaitility.await("the collector to start taking the backlog").atMost(Pipe.AT_MOST)
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                    .until(() -> Pipe.accounting(collector, agentId).received() > 0);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "\n" + Pipe.logs(agent, collector), e);
        }
    }
}
