package org.watchpost.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The founding case end to end: the real agent polls a real PHP site on a real MariaDB whose {@code watchdog} table
 * is full. The press page answers 200 and shows its article, and the agent must still call it down for
 * {@code db_storage_full}, while the healthy article on the same site and database stays up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedFailureIT {
    private static final String SEED = "seed-press";
    private static final String HEALTHY = "healthy-article";

    private SeedSite site;
    private AgentProcess agent;

    @BeforeAll
    void start(@TempDir Path work) throws IOException {
        site = SeedSite.start();
        Path dataDir = work.resolve("data");
        Path config = work.resolve("agent.yml");
        Files.writeString(config, """
                agent:
                  id: e2e-seed
                  data_dir: %s
                journal:
                  max_bytes: 16MiB
                  segment_bytes: 1MiB
                  keep_free_bytes: 64MiB
                defaults:
                  interval: 2s
                  timeout: 1s
                  failure_threshold: 2
                  success_threshold: 1
                targets:
                  - name: %s
                    url: %s
                    labels: { site: unijr, page: press-release }
                  - name: %s
                    url: %s
                    labels: { site: unijr, page: article }
                """.formatted(dataDir, SEED, site.pressUrl(), HEALTHY, site.healthyUrl()));
        agent = AgentProcess.start(config, dataDir);
    }

    @AfterAll
    void stop() {
        try {
            if (agent != null) {
                agent.stop();
            }
        } finally {
            if (site != null) {
                site.close();
            }
        }
    }

    @Test
    @Order(1)
    void seedPressIsDownForDbStorageFullAlthoughItAnswers200() {
        AgentAwait.metrics(agent, "seed-press to be down with class db_storage_full", site::logTails, m -> {
            assertThat(m.has("watchpost_probe_failure_info", Map.of("target", SEED, "class", "db_storage_full"), 1))
                    .as("watchpost_probe_failure_info{target=\"%s\",class=\"db_storage_full\"} 1", SEED).isTrue();
            assertThat(m.value("watchpost_target_up", Map.of("target", SEED)))
                    .as("watchpost_target_up{target=\"%s\"}", SEED).hasValue(0);
            assertThat(m.value("watchpost_probe_success", Map.of("target", SEED)))
                    .as("watchpost_probe_success{target=\"%s\"}", SEED).hasValue(0);
            // The point of the founding case: the status code alone says everything is fine.
            assertThat(m.value("watchpost_probe_http_status_code", Map.of("target", SEED)))
                    .as("watchpost_probe_http_status_code{target=\"%s\"}", SEED).hasValue(200);
        });
    }

    @Test
    @Order(2)
    void healthyArticleOnTheSameDatabaseStaysUp() {
        AgentAwait.metrics(agent, "healthy-article to be up", site::logTails, m -> {
            assertThat(m.value("watchpost_target_up", Map.of("target", HEALTHY)))
                    .as("watchpost_target_up{target=\"%s\"}", HEALTHY).hasValue(1);
            assertThat(m.value("watchpost_probe_success", Map.of("target", HEALTHY)))
                    .as("watchpost_probe_success{target=\"%s\"}", HEALTHY).hasValue(1);
            assertThat(m.find("watchpost_probe_failure_info", Map.of("target", HEALTHY)))
                    .as("failure_info series of %s at 1", HEALTHY)
                    .noneMatch(s -> s.value() == 1);
        });
    }

    @Test
    @Order(3)
    void targetsApiShowsTheFullTableInTheSeedEvidence() {
        AgentAwait.target(agent, SEED, "GET /api/v1/targets to show 'watchdog' in seed-press evidence",
                site::logTails, seed -> assertThat(AgentAwait.findings(seed))
                        .as("findings of %s", SEED)
                        .anySatisfy(f -> assertThat(f.path("evidence").asText()).contains("watchdog")));
    }

    @Test
    @Order(4)
    void sigtermStopsTheAgentWithExitCode0() {
        agent.close();
    }
}
