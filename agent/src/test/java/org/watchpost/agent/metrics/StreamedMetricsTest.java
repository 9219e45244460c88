package org.watchpost.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.watchpost.agent.journal.Journal;
import org.watchpost.agent.state.TargetSnapshot;
import org.watchpost.agent.state.TargetState;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Finding;
import org.watchpost.protocol.PhaseTimings;
import org.watchpost.protocol.Severity;
import org.watchpost.protocol.Verdict;

/** The streamed /metrics says exactly what the registry's whole snapshot says, family by family, in batches. */
class StreamedMetricsTest {
    @Test
    void theStreamedExpositionHoldsEveryLineOfTheSnapshotOnceWithOneHeaderPerFamily() throws IOException {
        List<TargetSnapshot> samples = new ArrayList<>();
        int n = AgentMetrics.STREAM_BATCH * 3 + 17;
        for (int i = 0; i < n; i++) {
            boolean down = i % 3 == 0;
            boolean probed = i % 3 != 2;
            // TLS only on the last targets: a family whose first batches are empty still gets its header
            CheckResult last = !probed ? null : new CheckResult("page-" + i, Instant.ofEpochSecond(i),
                    down ? Verdict.DOWN : Verdict.UP, down ? FailureClass.HTTP_STATUS : null, down ? 500 : 200,
                    down ? List.of(Finding.certain(FailureClass.HTTP_STATUS, "check.http_status", Severity.ERROR, "",
                            "")) : List.of(), 0.25, "http://127.0.0.1/" + i, null, Map.of(), PhaseTimings.NONE, 0,
                    1000L, i > n - 5 ? Instant.ofEpochSecond(2_000_000_000L) : null);
            samples.add(new TargetSnapshot("page-" + i, "http://127.0.0.1/" + i, Map.of(),
                    down ? TargetState.DOWN : i % 3 == 1 ? TargetState.UP : TargetState.UNKNOWN, Instant.EPOCH, last,
                    null, 60, null, new TargetSnapshot.Counters(Map.of(Verdict.UP, (long) i), Map.of(), 0, 0)));
        }
        AgentMetrics m = new AgentMetrics(() -> samples, () -> AgentMetrics.LogCounts.NONE, () -> 0, () -> 0,
                () -> 0, () -> new Journal.Stats(0, 0, 0, 0, Map.of(), 0, 0, 0, 0, 0, 0));

        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        m.writeText(streamed);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(whole, m.registry().scrape());

        List<String> s = withoutProcessFigures(streamed.toString(StandardCharsets.UTF_8).lines().toList());
        List<String> w = withoutProcessFigures(whole.toString(StandardCharsets.UTF_8).lines().toList());
        assertThat(s).containsExactlyInAnyOrderElementsOf(w);
        assertThat(s.stream().filter(l -> l.startsWith("# TYPE watchpost_tls_cert_not_after")).count()).isEqualTo(1);
        assertThat(s.stream().filter(l -> l.startsWith("watchpost_probe_checks_total{")).count()).isEqualTo(3L * n);
        // Families stay contiguous: after a family's TYPE line come only its own samples.
        String family = null;
        for (String line : s) {
            if (line.startsWith("# TYPE ")) {
                family = line.split(" ")[2];
            } else if (!line.startsWith("#") && family != null && line.startsWith("watchpost_")) {
                assertThat(line).as("inside %s", family).startsWith(family);
            }
        }
    }

    /** JVM figures move between two scrapes; everything of ours must be equal. */
    private static List<String> withoutProcessFigures(List<String> lines) {
        return lines.stream().filter(l -> l.contains("watchpost_") && !l.contains("watchpost_scheduler")).toList();
    }
}
