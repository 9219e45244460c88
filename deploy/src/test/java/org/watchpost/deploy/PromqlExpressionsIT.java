package org.watchpost.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.agent.e2e.PrometheusServer;

/**
 * Every expression of the dashboards and the rules, through a real Prometheus' query API (Debian package prometheus):
 * each must parse, and each metric it reads must be documented in docs/metrics.md (or be a recording rule's). The
 * variables are replaced the way Grafana replaces them when All is selected. Whether the queries return data is
 * DashboardDataIT's part.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PromqlExpressionsIT {
    private static final Map<String, String> ALL_SELECTED = Map.of(
            "site", ".*", "team", ".*", "target", "(seed-press|seed-healthy)", "agent", "(it-agent)");

    private PrometheusServer prometheus;

    @BeforeAll
    void start(@TempDir Path dir) {
        prometheus = PrometheusServer.start("global:\n  scrape_interval: 15s\n", dir);
    }

    @AfterAll
    void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void everyExpressionParses() {
        List<Expressions.Expression> expressions = Expressions.all(ALL_SELECTED);
        assertThat(expressions).hasSizeGreaterThan(50);
        List<String> problems = new ArrayList<>();
        for (Expressions.Expression e : expressions) {
            JsonNode answer = prometheus.query(e.promql());
            if (!answer.path("status").asText().equals("success")) {
                problems.add(e.where() + ": " + answer.path("errorType").asText() + ": " + answer.path("error").asText()
                        + "\n    " + e.promql());
            }
        }
        assertThat(problems).as("expressions Prometheus refuses").isEmpty();
    }

    /** The check can fail: Prometheus refuses a broken expression with a message, and the test reads it. */
    @Test
    void aBrokenExpressionIsRefused() {
        JsonNode answer = prometheus.query("sum by (target (watchpost_target_up)");
        assertThat(answer.path("status").asText()).isEqualTo("error");
        assertThat(answer.path("errorType").asText()).isEqualTo("bad_data");
    }

    @Test
    void everyMetricNameIsDocumented() {
        DocumentedMetrics docs = DocumentedMetrics.load();
        Set<String> recorded = Expressions.recorded();
        List<String> problems = new ArrayList<>();
        for (Expressions.Expression e : Expressions.all(ALL_SELECTED)) {
            for (String name : PromqlNames.of(e.promql())) {
                if (!docs.documents(name) && !recorded.contains(name)) {
                    problems.add(e.where() + " reads " + name + ", which docs/metrics.md does not document");
                }
            }
        }
        assertThat(problems).as("metric names missing from docs/metrics.md").isEmpty();
    }
}
