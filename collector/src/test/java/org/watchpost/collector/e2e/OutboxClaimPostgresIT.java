package org.watchpost.collector.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.watchpost.agent.e2e.PostgresServer;
import org.watchpost.collector.alert.Outbox;
import org.watchpost.collector.alert.OutboxRow;
import org.watchpost.collector.store.Dialect;

/**
 * Two collectors over one PostgreSQL claim from the same outbox at once: every row goes to exactly one of them
 * ({@code FOR UPDATE SKIP LOCKED}), none twice, none lost.
 */
class OutboxClaimPostgresIT {
    private static final int ROWS = 400;
    private static PostgresServer pg;

    @BeforeAll
    static void startPostgres() {
        pg = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (pg != null) {
            pg.stop();
        }
    }

    @Test
    void twoCollectorsClaimingAtOnceNeverGetTheSameRow() throws Exception {
        DataSource ds = AlertmanagerPostgresIT.database(pg, "claims");
        Outbox writer = new Outbox(ds, Dialect.POSTGRESQL, 10_000);
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < ROWS; i++) {
                writer.enqueue(c, i, OutboxRow.WEBHOOK, "http://127.0.0.1:1/hook", OutboxRow.OPENED,
                        "WatchpostTargetDown", "timeout", 0, now);
            }
            c.commit();
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<List<Long>>> collectors = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                Outbox mine = new Outbox(ds, Dialect.POSTGRESQL, 10_000);
                collectors.add(() -> {
                    List<Long> got = new ArrayList<>();
                    List<OutboxRow> batch;
                    while (!(batch = mine.claim(now, 7)).isEmpty()) {
                        for (OutboxRow r : batch) {
                            got.add(r.id());
                            assertThat(mine.done(r, now)).isTrue();
                        }
                    }
                    return got;
                });
            }
            List<Future<List<Long>>> results = pool.invokeAll(collectors);
            List<Long> a = results.get(0).get();
            List<Long> b = results.get(1).get();
            Set<Long> both = new HashSet<>(a);
            both.retainAll(b);
            assertThat(both).as("rows claimed by both collectors").isEmpty();
            assertThat(a.size() + b.size()).isEqualTo(ROWS);
            assertThat(Collections.min(a.isEmpty() ? b : a)).isPositive();
            assertThat(writer.waiting()).isZero();
            // Both did work: the claims interleaved rather than one collector taking everything under a lock.
            assertThat(a).isNotEmpty();
            assertThat(b).isNotEmpty();
        } finally {
            pool.shutdownNow();
        }
    }
}
