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
import org.watchpost.protocol.PhaseTimings;
import org.watchpost.agent.state.TargetSnapshot;
import org.watchpost.agent.state.TargetState;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Finding;
import org.watchpost.protocol.Severity;
import org.watchpost.protocol.Verdict;

/** docs/metrics.md and the metrics the agent exposes must name the same set: dashboards and rules depend on it. */
class MetricsDocTest {
    private static final Path DOC = Path.of("../docs/metrics.md");

    private static Set<String> exposed() {
        CheckResult last = new CheckResult("t", java.time.Instant.EPOCH, Verdict.DOWN, FailureClass.HTTP_STATUS, 500,
                List.of(Finding.certain(FailureClass.HTTP_STATUS, "check.http_status", Severity.ERROR, "", "")),
                0.1, "http://t/", null, java.util.Map.of(), PhaseTimings.NONE, 0, 10L, java.time.Instant.EPOCH);
        TargetSnapshot sample = new TargetSnapshot("t", "http://t/", java.util.Map.of(), TargetState.DOWN,
                java.time.Instant.EPOCH, last, null, 60, "http://t/", null);
        AgentMetrics m = new AgentMetrics(() -> List.of(sample), () -> AgentMetrics.LogCounts.NONE, () -> 0, () -> 0,
                () -> 0,
                () -> new org.watchpost.agent.journal.Journal.Stats(0, 0, 0, 0, java.util.Map.of(), 0, 0, 0, 0, 0, 0));
        m.forwarder(() -> new org.watchpost.agent.forward.Forwarder.Stats("http://c/api/v1/reports", 0, 0, 0, 0,
                java.util.Map.of(), null, 0, 500, null, null));
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

    /** Names in the first column of the tables: | `watchpost_...` | */
    private static Set<String> documented(String doc) {
        Set<String> names = new TreeSet<>();
        // The collector's section lists the collector's names; the collector's own test checks them.
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
