package org.watchpost.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.collector.store.Database;
import org.watchpost.collector.store.DatabaseSettings;
import org.watchpost.collector.store.SqlStore;
import org.watchpost.collector.testing.CollectorHarness;
import org.watchpost.collector.testing.MutableClock;
import org.watchpost.collector.testing.Reports;

/** The rules that need control over time or the database gate, without HTTP. */
class ReportIngestorTest {
    @TempDir
    Path tmp;
    Database db;
    final AtomicLong nanos = new AtomicLong();
    boolean accepting = true;
    int fullSignals;

    @BeforeEach
    void open() {
        db = Database.open(DatabaseSettings.sqlite(tmp.resolve("c.db"), 64L << 20), null);
        assertThat(db.migrate()).isTrue();
    }

    @AfterEach
    void close() {
        db.close();
    }

    ReportIngestor ingestor() {
        AgentTokens tokens = new AgentTokens(List.of(new AgentCredential("eu-1",
                List.of(AgentTokens.sha256Hex("secret")))));
        return new ReportIngestor(tokens, new SqlStore(db), new LimitSettings(1 << 20, 1 << 20,
                Duration.ofSeconds(10), 32, 4096), IngestMetrics.NONE, new MutableClock(Reports.T0), nanos::get,
                () -> accepting, () -> fullSignals++);
    }

    ReportIngestor.Request request(byte[] body) {
        return new ReportIngestor.Request("Bearer secret", "application/json", null, body.length,
                new ByteArrayInputStream(body) {
                    @Override
                    public synchronized int read(byte[] b, int off, int len) {
                        // Every read takes "6 seconds": the second one is past the 10 s request timeout.
                        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
                        return super.read(b, off, Math.min(len, 512));
                    }
                });
    }

    @Test
    void aRequestSlowerThanTheTimeoutIs408() {
        byte[] body = CollectorHarness.json(Reports.report("eu-1", Reports.results(1, 50, 3)));

        assertThatThrownBy(() -> ingestor().ingest(request(body), 0))
                .isInstanceOfSatisfying(ReportRejected.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.TIMEOUT);
                    assertThat(e.reason().status()).isEqualTo(408);
                    assertThat(e.getMessage()).isEqualTo("the request took longer than the collector's request"
                            + " timeout");
                });
        assertThat(new SqlStore(db).agents()).isEmpty();
    }

    @Test
    void aDatabaseAtItsCapacityAnswers503BeforeStoring() {
        accepting = false;
        byte[] body = CollectorHarness.json(Reports.report("eu-1", Reports.results(1, 5, 3)));
        ReportIngestor.Request r = new ReportIngestor.Request("Bearer secret", "application/json", null,
                body.length, new ByteArrayInputStream(body));

        assertThatThrownBy(() -> ingestor().ingest(r, 0))
                .isInstanceOfSatisfying(ReportRejected.class, e -> {
                    assertThat(e.reason().status()).isEqualTo(503);
                    assertThat(e.getMessage()).contains("at its capacity");
                });
        assertThat(new SqlStore(db).agents()).isEmpty();
    }
}
