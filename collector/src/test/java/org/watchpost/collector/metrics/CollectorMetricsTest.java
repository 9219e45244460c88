package org.watchpost.collector.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchpost.collector.testing.CollectorHarness.EU;
import static org.watchpost.collector.testing.CollectorHarness.EU_TOKEN;
import static org.watchpost.collector.testing.Reports.report;
import static org.watchpost.collector.testing.Reports.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.collector.ingest.LimitSettings;
import org.watchpost.collector.store.RetentionSettings;
import org.watchpost.collector.testing.CollectorHarness;
import org.watchpost.collector.testing.MutableClock;
import org.watchpost.collector.testing.Reports;
import org.watchpost.protocol.DroppedRange;

class CollectorMetricsTest {
    @TempDir
    Path tmp;
    CollectorHarness harness;
    final MutableClock clock = new MutableClock(Reports.T0.plusSeconds(3600));

    @BeforeEach
    void start() {
        harness = CollectorHarness.start(CollectorHarness.config(tmp, null, RetentionSettings.DEFAULTS,
                LimitSettings.DEFAULTS), clock);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void eachAgentsIngestAccountingAndForwardedHealthAreExported() {
        harness.post(report(EU, results(1, 10, 3)), EU_TOKEN);
        harness.post(report(EU, results(21, 30, 3), List.of(new DroppedRange(11, 15, "capacity"))), EU_TOKEN);

        CollectorHarness.Answer scrape = harness.get("/metrics");

        assertThat(scrape.contentType()).startsWith("text/plain");
        assertThat(scrape.body())
                .contains("watchpost_collector_ingested_total{agent=\"eu-1\"} 20.0")
                .contains("watchpost_collector_ingested_total{agent=\"us-1\"} 0.0")
                .contains("watchpost_collector_agent_sequence_gaps{agent=\"eu-1\"} 5.0")
                .contains("watchpost_collector_agent_declared_dropped_records{agent=\"eu-1\"} 5.0")
                .contains("watchpost_collector_agent_last_seen_timestamp_seconds{agent=\"eu-1\"} "
                        + (double) clock.instant().getEpochSecond())
                .contains("watchpost_collector_agent_journal_bytes{agent=\"eu-1\"} 1030.0")
                .contains("watchpost_collector_agent_journal_capacity_bytes{agent=\"eu-1\"} 2.68435456E8")
                .contains("watchpost_collector_agent_journal_dropped{agent=\"eu-1\",reason=\"capacity\"} 4.0")
                .contains("watchpost_collector_agent_forward_lag_records{agent=\"eu-1\"} 17.0")
                .contains("watchpost_collector_agent_scheduler_lag_seconds{agent=\"eu-1\"} 0.25")
                .contains("watchpost_collector_agent_log_events_dropped{agent=\"eu-1\"} 2.0")
                .contains("watchpost_collector_agent_targets{agent=\"eu-1\"} 3.0")
                .contains("watchpost_collector_agent_journal_bytes{agent=\"us-1\"} NaN")
                .contains("watchpost_collector_db_bytes ")
                .contains("watchpost_collector_db_capacity_bytes ")
                .contains("hikaricp_connections_active")
                .contains("jvm_memory_used_bytes")
                .contains("jetty_threads_")
                .contains("jetty_server_requests_seconds_count{method=\"POST\",outcome=\"SUCCESS\",status=\"200\"} 2");
    }

    @Test
    void agentsNotConfiguredGetNoSeries() {
        assertThat(harness.get("/metrics").body()).doesNotContain("agent=\"intruder\"");
    }

    @Test
    void everyCollectorMetricIsDocumented() throws IOException {
        harness.post(report(EU, results(1, 3, 3)), EU_TOKEN);
        String scrape = harness.get("/metrics").body();
        Matcher m = Pattern.compile("(?m)^(watchpost_\\w+)[{ ]").matcher(scrape);
        TreeSet<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).hasSizeGreaterThanOrEqualTo(15);
        String doc = Files.readString(Path.of("..", "docs", "metrics.md"));
        for (String name : names) {
            assertThat(doc).as("docs/metrics.md documents " + name).contains("`" + name + "`");
        }
    }
}
