package org.watchpost.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.watchpost.agent.probe.PhaseTimings;
import org.watchpost.agent.state.TargetState;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Finding;
import org.watchpost.protocol.Severity;
import org.watchpost.protocol.Verdict;

/** docs/metrics.md and the metrics the agent exposes must name the same set: dashboards and rules depend on it. */
class MetricsDocTest {
    private static final Path DOC = Path.of("../docs/metrics.md");

    private static Set<String> exposed() {
        TargetSample sample = new TargetSample("t", TargetState.DOWN, java.time.Instant.EPOCH,
                java.time.Instant.EPOCH, Verdict.DOWN,
                List.of(Finding.certain(FailureClass.HTTP_STATUS, "check.http_status", Severity.ERROR, "", "")),
                0.1, PhaseTimings.NONE, 500, 0, 10, java.time.Instant.EPOCH, java.util.Map.of(), java.util.Map.of(),
                0, 0);
        AgentMetrics m = new AgentMetrics(() -> List.of(sample), () -> AgentMetrics.LogCounts.NONE, () -> 0, () -> 0,
                () -> 0,
                () -> new org.watchpost.agent.journal.Journal.Stats(0, 0, 0, 0, java.util.Map.of(), 0, 0, 0, 0, 0, 0));
        Set<String> names = new TreeSet<>();
        for (MetricSnapshot s : m.registry().scrape()) {
            String name = s.getMetadata().getPrometheusName();
            if (name.startsWith("watchpost_")) {
                names.add(name);
            }
        }
        return names;
    }

    @Test
    void everyExposedMetricIsDocumented() throws IOException {
        String doc = Files.readString(DOC);
        Set<String> documented = documented(doc);
        for (String name : exposed()) {
            assertThat(documented).as("docs/metrics.md documents %s", name)
                    .anyMatch(d -> d.equals(name) || d.equals(name + "_total"));
        }
    }

    @Test
    void everyDocumentedMetricIsExposed() throws IOException {
        Set<String> exposed = exposed();
        for (String d : documented(Files.readString(DOC))) {
            assertThat(exposed).as("%s is documented but the agent does not expose it", d)
                    .anyMatch(e -> d.equals(e) || d.equals(e + "_total"));
        }
    }

    /**
     * Names in the first column of the tables: | `watchpost_...` |, up to the collector's section, whose metrics the
     * collector's own test checks.
     */
    private static Set<String> documented(String doc) {
        Set<String> names = new TreeSet<>();
        int collector = doc.indexOf("\n## Collector");
        String agentPart = collector < 0 ? doc : doc.substring(0, collector);
        Matcher m = Pattern.compile("(?m)^\\| `(watchpost_[a-z0-9_]+)` \\|").matcher(agentPart);
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).isNotEmpty();
        return names;
    }
}
