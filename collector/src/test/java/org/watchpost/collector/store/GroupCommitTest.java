package org.watchpost.collector.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.watchpost.collector.testing.CollectorHarness.EU;
import static org.watchpost.collector.testing.Reports.report;
import static org.watchpost.collector.testing.Reports.results;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.collector.ingest.LimitSettings;
import org.watchpost.collector.store.SqlStore.PreparedReport;
import org.watchpost.collector.testing.CollectorHarness;
import org.watchpost.collector.testing.MutableClock;
import org.watchpost.collector.testing.Reports;
import org.watchpost.protocol.Report;

/**
 * SQLite group commit: reports queued for the writer share a transaction, each stored whole or not at all, and none
 * acknowledged before its commit. The writer lock is held by the test while the reports queue, so grouping is
 * deterministic.
 */
class GroupCommitTest {
    @TempDir
    Path tmp;
    CollectorHarness harness;
    final ExecutorService threads = Executors.newCachedThreadPool();
    final AtomicInteger transactions = new AtomicInteger();
    final AtomicInteger reportsInTransactions = new AtomicInteger();
    final StoreMetrics counting = new StoreMetrics() {
        @Override
        public void transactionCommitted(int reports) {
            transactions.incrementAndGet();
            reportsInTransactions.addAndGet(reports);
        }
    };

    @BeforeEach
    void start() {
        harness = CollectorHarness.start(CollectorHarness.config(tmp, null, RetentionSettings.DEFAULTS,
                LimitSettings.DEFAULTS), new MutableClock(Reports.T0));
    }

    @AfterEach
    void stop() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
        harness.close();
    }

    private SqlStore store(int maxReports, int maxRecords) {
        return new SqlStore(harness.collector().database(), counting, maxReports, maxRecords);
    }

    /** Starts one thread per report, all queued behind the writer lock the test holds; then lets them go. */
    private List<Future<StoredReport>> queued(SqlStore store, List<PreparedReport> reports) {
        ReentrantLock writer = (ReentrantLock) store.writeLock();
        writer.lock();
        List<Future<StoredReport>> out = new ArrayList<>();
        try {
            for (PreparedReport r : reports) {
                out.add(threads.submit(() -> store.store(r)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> writer.getQueueLength() == reports.size());
        } finally {
            writer.unlock();
        }
        return out;
    }

    private static PreparedReport prepared(SqlStore store, Report report) {
        return store.prepare(report, Reports.T0);
    }

    /** {@code count} consecutive reports of {@code size} results each, over {@code targets} targets. */
    private static List<PreparedReport> consecutive(SqlStore store, String agent, int count, int size, int targets) {
        List<PreparedReport> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(prepared(store, report(agent, results(1 + (long) i * size, (long) (i + 1) * size, targets))));
        }
        return out;
    }

    @Test
    void reportsWaitingTogetherShareOneTransactionAndAreEachStoredOnce() throws Exception {
        SqlStore store = store(32, 5_000);
        List<Future<StoredReport>> stored = queued(store, consecutive(store, EU, 5, 100, 10));

        for (Future<StoredReport> f : stored) {
            assertThat(f.get(10, TimeUnit.SECONDS).fresh()).hasSize(100);
        }
        assertThat(transactions).hasValue(1);
        assertThat(reportsInTransactions).hasValue(5);
        AgentStatus agent = store.agents().get(0);
        assertThat(agent.received()).isEqualTo(500);
        assertThat(agent.gaps()).isZero();
        assertThat(store.latest()).hasSize(10);
    }

    @Test
    void aReplayInsideTheSameTransactionIsStillAReplay() throws Exception {
        SqlStore store = store(32, 5_000);
        Report once = report(EU, results(1, 50, 5));

        List<Future<StoredReport>> stored = queued(store, List.of(prepared(store, once), prepared(store, once)));

        List<Integer> fresh = new ArrayList<>();
        for (Future<StoredReport> f : stored) {
            fresh.add(f.get(10, TimeUnit.SECONDS).fresh().size());
        }
        assertThat(fresh).containsExactlyInAnyOrder(50, 0);
        assertThat(transactions).hasValue(1);
        assertThat(store.agents().get(0).received()).isEqualTo(50);
    }

    @Test
    void aGroupStopsAtItsBoundOfReportsAndOfRecords() throws Exception {
        SqlStore byReports = store(2, 5_000);
        for (Future<StoredReport> f : queued(byReports, consecutive(byReports, EU, 5, 10, 2))) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertThat(transactions).hasValue(3); // 2 + 2 + 1
        assertThat(reportsInTransactions).hasValue(5);

        transactions.set(0);
        reportsInTransactions.set(0);
        SqlStore byRecords = store(32, 25);
        for (Future<StoredReport> f : queued(byRecords, consecutive(byRecords, "us-1", 4, 10, 2))) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertThat(transactions).hasValue(2); // 10 + 10 records, then 10 + 10
        assertThat(byRecords.agents()).filteredOn(a -> a.id().equals("us-1")).singleElement()
                .satisfies(a -> assertThat(a.received()).isEqualTo(40));
    }

    @Test
    void aReportThatFailsToWriteIsRolledBackAloneAndTheOthersAreStored() throws Exception {
        SqlStore store = store(32, 5_000);
        PreparedReport good1 = prepared(store, report(EU, results(1, 20, 2)));
        PreparedReport good2 = prepared(store, report(EU, results(41, 60, 2)));
        PreparedReport ok = prepared(store, report(EU, results(21, 40, 2)));
        // Its latest-result JSON is missing: the NOT NULL column refuses it inside its savepoint.
        Map<String, String> noJson = new HashMap<>();
        ok.newestJson().keySet().forEach(k -> noJson.put(k, null));
        PreparedReport poisoned = new PreparedReport(ok.report(), ok.receivedAt(), ok.newest(), noJson);

        List<Future<StoredReport>> stored = queued(store, List.of(good1, poisoned, good2));

        assertThat(stored.get(0).get(10, TimeUnit.SECONDS).fresh()).hasSize(20);
        assertThatThrownBy(() -> stored.get(1).get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(DatabaseUnavailableException.class);
        assertThat(stored.get(2).get(10, TimeUnit.SECONDS).fresh()).hasSize(20);
        assertThat(transactions).hasValue(1);
        assertThat(reportsInTransactions).hasValue(2);
        AgentStatus agent = store.agents().get(0);
        assertThat(agent.received()).isEqualTo(40);
        assertThat(agent.gaps()).as("21..40 are missing, not stored half").isEqualTo(20);
        assertThat(store.history("t0", java.time.Instant.EPOCH, 1000)).hasSize(20);

        // The agent sends it again, as it would after the error: stored now, gaps closed.
        assertThat(store.store(ok).fresh()).hasSize(20);
        assertThat(store.agents().get(0).gaps()).isZero();
    }
}
