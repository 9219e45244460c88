package org.watchpost.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.agent.e2e.AgentProcess;
import org.watchpost.agent.e2e.CollectorProcess;
import org.watchpost.agent.e2e.PrometheusText;

/**
 * The README's walk-through: one collector and two agents on one machine, each agent with its own token. Both
 * agents' results reach {@code /api/v1/agents} and {@code /api/v1/targets}, with their health, and the collector's
 * {@code /metrics} shows each agent's ingest and last-seen time.
 */
class AgentToCollectorTwoAgentsIT {
    @Test
    void bothAgentsResultsAndHealthAreVisibleAtTheCollector(@TempDir Path dir) {
        Pipe.Credentials eu = Pipe.Credentials.make(dir, "eu-1");
        Pipe.Credentials us = Pipe.Credentials.make(dir, "us-1");
        int port = CollectorProcess.freePort();
        Path config = Pipe.collectorConfig(dir, port, dir.resolve("collector-data"), "", List.of(eu, us));
        try (Pipe.Site site = Pipe.Site.start();
             CollectorProcess collector = CollectorProcess.start(config, port, dir.resolve("collector-log"))) {
            List<Pipe.Target> targets = List.of(new Pipe.Target("seed-press", site.press()),
                    new Pipe.Target("seed-healthy", site.url("/")));
            try (AgentProcess first = AgentProcess.start(Pipe.agentConfig(dir, eu, port, 500, targets),
                    dir.resolve("agent-eu"));
                 AgentProcess second = AgentProcess.start(Pipe.agentConfig(dir, us, port, 500, targets),
                         dir.resolve("agent-us"))) {
                Pipe.awaitDelivered(first, collector, eu.agentId(), 4, () -> Pipe.logs(first, collector));
                Pipe.awaitDelivered(second, collector, us.agentId(), 4, () -> Pipe.logs(second, collector));
                for (Pipe.Credentials who : List.of(eu, us)) {
                    JsonNode health = Pipe.accounting(collector, who.agentId()).raw().path("health");
                    assertThat(health.path("targets").asInt()).as("health of %s: %s", who.agentId(), health)
                            .isEqualTo(2);
                    assertThat(health.path("version").asText()).as("health of %s", who.agentId()).isNotBlank();
                    assertThat(health.path("journal_capacity_bytes").asLong()).isEqualTo(16L * 1024 * 1024);
                    Pipe.assertFullTableSeen(collector, "seed-press", who.agentId());
                }
                PrometheusText m = PrometheusText.parse(collector.get("/metrics"));
                for (Pipe.Credentials who : List.of(eu, us)) {
                    Map<String, String> agent = Map.of("agent", who.agentId());
                    assertThat(m.value("watchpost_collector_ingested_total", agent).orElse(0)).as("ingested from %s", agent)
                            .isGreaterThanOrEqualTo(4);
                    assertThat(m.value("watchpost_collector_agent_last_seen_timestamp_seconds", agent).orElse(0))
                            .as("last seen of %s", agent).isGreaterThan(1.7e9);
                    assertThat(m.value("watchpost_collector_agent_targets", agent)).hasValue(2.0);
                }
            }
        }
    }
}
