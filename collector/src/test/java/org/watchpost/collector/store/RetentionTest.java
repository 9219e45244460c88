package org.watchpost.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchpost.collector.testing.CollectorHarness.EU;
import static org.watchpost.collector.testing.CollectorHarness.EU_TOKEN;
import static org.watchpost.collector.testing.Reports.report;
import static org.watchpost.collector.testing.Reports.results;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.collector.ingest.LimitSettings;
import org.watchpost.collector.testing.CollectorHarness;
import org.watchpost.collector.testing.MutableClock;
import org.watchpost.collector.testing.Reports;

class RetentionTest {
    @TempDir
    Path tmp;
    CollectorHarness harness;
    final MutableClock clock = new MutableClock(Reports.T0.plusSeconds(3600));

    @AfterEach
    void stop() {
        harness.close();
    }

    private void start(RetentionSettings retention) {
        harness = CollectorHarness.start(CollectorHarness.config(tmp, null, retention, LimitSettings.DEFAULTS),
                clock);
    }

    @Test
    void historyOlderThanMaxAgeGoesButTheLatestStateStays() throws Exception {
        start(new RetentionSettings(1L << 30, 0, Duration.ofDays(1), 1_000_000, Duration.ofHours(1)));
        harness.post(report(EU, results(1, 300, 3)), EU_TOKEN);
        clock.advance(Duration.ofDays(2));
        // Results of "now": T0 + 2 days + seq.
        harness.post(report(EU, List.of(Reports.result(100_000 + 301, "t0", true))), EU_TOKEN);

        long deleted = harness.collector().retention().runOnce();

        assertThat(deleted).isEqualTo(300);
        assertThat(harness.collector().results().history("t1", Instant.EPOCH, 1000)).isEmpty();
        assertThat(harness.collector().results().latest()).extracting(LatestResult::target)
                .containsExactly("t0", "t1", "t2");
        assertThat(harness.collector().results().agents().get(0).received()).isEqualTo(301);
        assertThat(harness.get("/metrics").body())
                .contains("watchpost_collector_pruned_total{reason=\"age\"} 300.0");
        // A replay of pruned records is still a replay.
        assertThat(harness.post(report(EU, results(1, 300, 3)), EU_TOKEN).ack().accepted()).isZero();
    }

    @Test
    void eachTargetKeepsItsNewestResults() throws Exception {
        start(new RetentionSettings(1L << 30, 0, Duration.ofDays(365), 10, Duration.ofHours(1)));
        harness.post(report(EU, results(1, 100, 2)), EU_TOKEN);

        harness.collector().retention().runOnce();

        List<HistoryPoint> t0 = harness.collector().results().history("t0", Instant.EPOCH, 1000);
        assertThat(t0).hasSize(10);
        assertThat(t0.get(0).time()).isEqualTo(Reports.T0.plusSeconds(100));
        assertThat(t0.get(9).time()).isEqualTo(Reports.T0.plusSeconds(82));
        assertThat(harness.get("/metrics").body())
                .contains("watchpost_collector_pruned_total{reason=\"rows_per_target\"} 80.0");
    }

    @Test
    void fleetTablesGiveUpRowsByTheSameRulesThroughPrunable() throws Exception {
        start(new RetentionSettings(1L << 30, 0, Duration.ofDays(1), 1_000_000, Duration.ofHours(1)));
        AtomicReference<Instant> asked = new AtomicReference<>();
        Prunable table = new Prunable() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public int pruneOlderThan(Connection c, Instant cutoff, int limit) throws SQLException {
                asked.set(cutoff);
                try (PreparedStatement ps = c.prepareStatement("SELECT 1")) {
                    ps.executeQuery().close();
                }
                return 0;
            }
        };
        Retention retention = new Retention(new SqlStore(harness.collector().database()),
                new RetentionSettings(1L << 30, 0, Duration.ofDays(1), 1_000_000, Duration.ofHours(1)),
                List.of(table), StoreMetrics.NONE, clock);

        retention.runOnce();

        assertThat(asked.get()).isEqualTo(clock.instant().minus(Duration.ofDays(1)));
        retention.close();
    }
}
