package org.watchpost.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
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
    /** Two failing probes 2 s apart turn a target down; the rest is JVM start-up and slack for a busy machine. */
    private static final Duration AT_MOST = Duration.ofSeconds(60);

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
        awaitMetrics("seed-press to be down with class db_storage_full", m -> {
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
        awaitMetrics("healthy-article to be up", m -> {
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
        AtomicReference<String> lastBody = new AtomicReference<>("(no answer)");
        try {
            Awaitility.await("GET /api/v1/targets to show 'watchdog' in seed-press evidence")
                    .atMost(AT_MOST)
                    .pollInterval(Duration.ofMillis(500))
                    .failFast("the agent exited", () -> !agent.isAlive())
                    .untilAsserted(() -> {
                        String body = agent.get("/api/v1/targets");
                        lastBody.set(body);
                        JsonNode seed = findTarget(new ObjectMapper().readTree(body), SEED);
                        assertThat(seed).as("the entry for %s in /api/v1/targets", SEED).isNotNull();
                        List<String> evidence = new ArrayList<>();
                        collectEvidence(seed, evidence);
                        assertThat(String.join("\n", evidence)).as("evidence of %s", SEED).contains("watchdog");
                    });
        } catch (ConditionTimeoutException | IllegalStateException | TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + "\nlast GET /api/v1/targets:\n" + lastBody.get() + "\n"
                    + agent.logTail(), e);
        }
    }

    @Test
    @Order(4)
    void sigtermStopsTheAgentWithExitCode0() {
        agent.close();
    }

    /**
     * Awaits an assertion on the agent's metrics; on failure, shows what the agent did expose, its log, and the
     * site's logs, which is what someone debugging the agent needs first.
     */
    private void awaitMetrics(String what, Consumer<PrometheusText> assertion) {
        AtomicReference<String> last = new AtomicReference<>("(no scrape succeeded)");
        try {
            Awaitility.await(what)
                    .atMost(AT_MOST)
                    .pollInterval(Duration.ofMillis(500))
                    .failFast("the agent exited", () -> !agent.isAlive())
                    .untilAsserted(() -> {
                        String text = agent.metrics();
                        last.set(text);
                        assertion.accept(PrometheusText.parse(text));
                    });
        } catch (ConditionTimeoutException | IllegalStateException | IllegalArgumentException
                 | TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + "\nwatchpost_ samples of the last scrape:\n"
                    + PrometheusText.watchpostLines(last.get()) + agent.logTail() + "\n" + site.logTails(), e);
        }
    }

    /** The API's shape is the agent's to choose; this finds the object that names the target, wherever it sits. */
    private static JsonNode findTarget(JsonNode node, String name) {
        if (node.isObject()) {
            for (String key : List.of("name", "target")) {
                if (name.equals(node.path(key).asText(null))) {
                    return node;
                }
            }
            if (node.has(name) && node.get(name).isObject()) {
                return node.get(name);
            }
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            JsonNode found = findTarget(it.next(), name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static void collectEvidence(JsonNode node, List<String> out) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (field.getKey().equals("evidence")) {
                out.add(field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString());
            }
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            collectEvidence(it.next(), out);
        }
    }
}
