package org.watchpost.collector.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchpost.collector.testing.CollectorHarness.EU;
import static org.watchpost.collector.testing.CollectorHarness.EU_TOKEN;
import static org.watchpost.collector.testing.Reports.report;
import static org.watchpost.collector.testing.Reports.results;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.collector.ingest.LimitSettings;
import org.watchpost.collector.store.AgentStatus;
import org.watchpost.collector.store.RetentionSettings;
import org.watchpost.collector.testing.CollectorHarness;
import org.watchpost.collector.testing.CollectorHarness.Answer;
import org.watchpost.collector.testing.MutableClock;
import org.watchpost.collector.testing.Reports;

/** The collector's own trouble on PostgreSQL: the database goes away and comes back while the collector runs. */
class PostgresTroubleIT {
    private static PostgresDatabases databases;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startPostgres() {
        databases = new PostgresDatabases();
    }

    @AfterAll
    static void stopPostgres() {
        if (databases != null) {
            databases.close();
        }
    }

    private CollectorHarness start(String database) {
        return CollectorHarness.start(CollectorHarness.config(tmp, databases.external(database, tmp),
                RetentionSettings.DEFAULTS, LimitSettings.DEFAULTS), new MutableClock(Reports.T0.plusSeconds(60)));
    }

    @Test
    void aDatabaseThatGoesDownAnswers503AndTheCollectorRecoversWithoutARestart() {
        String db = databases.create();
        try (CollectorHarness harness = start(db)) {
            assertThat(harness.post(report(EU, results(1, 10, 3)), EU_TOKEN).status()).isEqualTo(200);

            databases.takeDown(db);
            Answer refused = harness.post(report(EU, results(11, 20, 3)), EU_TOKEN);

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.retryAfter()).isEqualTo("5");
            assertThat(refused.error()).startsWith("the collector's database is");
            assertThat(harness.get("/-/ready").status()).isEqualTo(503);

            databases.bringBack(db);
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> harness.get("/-/ready").status() == 200);
            Answer retried = harness.post(report(EU, results(11, 20, 3)), EU_TOKEN);
            assertThat(retried.status()).isEqualTo(200);
            assertThat(retried.ack().accepted()).isEqualTo(10);
            AgentStatus s = harness.collector().results().agents().get(0);
            assertThat(s.received()).isEqualTo(20);
            assertThat(s.gaps()).isZero();
        }
    }

    @Test
    void aCollectorStartedWhileItsDatabaseIsDownBecomesReadyWhenItComesBack() {
        String db = databases.create();
        databases.takeDown(db);
        try (CollectorHarness harness = start(db)) {
            assertThat(harness.get("/-/healthy").status()).isEqualTo(200);
            assertThat(harness.get("/-/ready").body()).contains("migrations have not run");
            assertThat(harness.post(report(EU, results(1, 10, 3)), EU_TOKEN).status()).isEqualTo(503);

            databases.bringBack(db);
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> harness.get("/-/ready").status() == 200);
            assertThat(harness.post(report(EU, results(1, 10, 3)), EU_TOKEN).ack().accepted()).isEqualTo(10);
        }
    }

    @Test
    void twoCollectorsOverOneDatabaseStoreARetriedReportOnce() throws Exception {
        String db = databases.create();
        Path other = tmp.resolve("second");
        java.nio.file.Files.createDirectories(other);
        try (CollectorHarness first = start(db);
             CollectorHarness second = CollectorHarness.start(CollectorHarness.config(other,
                     databases.external(db, other), RetentionSettings.DEFAULTS, LimitSettings.DEFAULTS),
                     new MutableClock(Reports.T0.plusSeconds(60)))) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Answer>> answers = List.of(
                        pool.submit(() -> {
                            go.await();
                            return first.post(report(EU, results(1, 2000, 7)), EU_TOKEN);
                        }),
                        pool.submit(() -> {
                            go.await();
                            return second.post(report(EU, results(1, 2000, 7)), EU_TOKEN);
                        }));
                go.countDown();
                int accepted = 0;
                for (Future<Answer> f : answers) {
                    Answer a = f.get();
                    assertThat(a.status()).isEqualTo(200);
                    accepted += a.ack().accepted();
                }
                assertThat(accepted).isEqualTo(2000);
            } finally {
                pool.shutdownNow();
            }
            AgentStatus s = first.collector().results().agents().get(0);
            assertThat(s.received()).isEqualTo(2000);
            assertThat(first.collector().results().history("t0", Instant.EPOCH, 10_000)).hasSize(2000 / 7);
        }
    }
}
