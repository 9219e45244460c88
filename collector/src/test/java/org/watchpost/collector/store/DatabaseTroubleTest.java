package org.watchpost.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchpost.collector.testing.CollectorHarness.EU;
import static org.watchpost.collector.testing.CollectorHarness.EU_TOKEN;
import static org.watchpost.collector.testing.Reports.report;
import static org.watchpost.collector.testing.Reports.results;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.collector.ingest.LimitSettings;
import org.watchpost.collector.testing.CollectorHarness;
import org.watchpost.collector.testing.CollectorHarness.Answer;
import org.watchpost.collector.testing.MutableClock;
import org.watchpost.collector.testing.Reports;

/**
 * The collector's own trouble: 503 with Retry-After, nothing acknowledged that was not committed, and recovery
 * without a restart.
 */
class DatabaseTroubleTest {
    @TempDir
    Path tmp;
    CollectorHarness harness;

    @AfterEach
    void stop() {
        harness.close();
    }

    private void start(RetentionSettings retention) {
        harness = CollectorHarness.start(CollectorHarness.config(tmp, null, retention, LimitSettings.DEFAULTS),
                new MutableClock(Reports.T0.plusSeconds(3600)));
    }

    @Test
    void anExhaustedPoolAnswers503AndRecoversWhenConnectionsComeBack() throws Exception {
        start(RetentionSettings.DEFAULTS);
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < harness.collector().database().settings().poolSize(); i++) {
                held.add(harness.collector().database().dataSource().getConnection());
            }

            Answer refused = harness.post(report(EU, results(1, 10, 3)), EU_TOKEN);

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.retryAfter()).isEqualTo("5");
            assertThat(refused.error()).startsWith("the collector's database is busy");
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        assertThat(harness.collector().results().agents()).isEmpty();

        Answer retried = harness.post(report(EU, results(1, 10, 3)), EU_TOKEN);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.ack().accepted()).isEqualTo(10);
    }

    @Test
    void aDatabaseThatReallyFillsAnswers503ThenPrunesOldHistoryAndRecovers() throws Exception {
        // 1 MiB: SQLite itself refuses to grow past it (max_page_count).
        start(new RetentionSettings(1L << 20, 0, Duration.ofDays(365), 1_000_000, Duration.ofHours(1)));
        long seq = 1;
        Answer last = null;
        List<ReportAckSeen> acks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            last = harness.post(report(EU, results(seq, seq + 499, 5)), EU_TOKEN);
            if (last.status() != 200) {
                break;
            }
            acks.add(new ReportAckSeen(last.ack().storedThrough()));
            seq += 500;
        }
        assertThat(last.status()).as("the database must fill up within 100000 results").isEqualTo(503);
        assertThat(last.error()).startsWith("the collector's database is full");
        assertThat(last.retryAfter()).isEqualTo("5");
        long committed = acks.get(acks.size() - 1).storedThrough();
        AgentStatus s = harness.collector().results().agents().get(0);
        assertThat(s.lastSeq()).as("nothing of the refused report was stored").isEqualTo(committed);
        assertThat(s.received()).isEqualTo(committed);

        harness.collector().retention().runOnce();

        assertThat(harness.collector().retention().lastBytes()).isLessThan((long) ((1L << 20) * 0.9));
        Answer retried = harness.post(report(EU, results(seq, seq + 499, 5)), EU_TOKEN);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.ack().accepted()).isEqualTo(500);
        // The oldest history went first; the latest state of every target stayed.
        List<HistoryPoint> t0 = harness.collector().results().history("t0", Instant.EPOCH, 1_000_000);
        assertThat(t0.get(t0.size() - 1).time()).isAfter(Reports.T0.plusSeconds(5));
        long lastSent = seq + 499;
        assertThat(harness.collector().results().latest()).hasSize(5)
                .allSatisfy(l -> assertThat(l.seq()).isGreaterThan(lastSent - 5));
        String metrics = harness.get("/metrics").body();
        assertThat(metrics).containsPattern("watchpost_collector_pruned_total\\{reason=\"bytes\"} [1-9][0-9]*\\.0")
                .contains("watchpost_collector_db_capacity_bytes 1048576.0")
                .containsPattern("watchpost_collector_rejected_total\\{reason=\"unavailable\"} 1\\.0");
    }

    private record ReportAckSeen(long storedThrough) {
    }
}
