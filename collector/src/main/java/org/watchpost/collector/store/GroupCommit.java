package org.watchpost.collector.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Lock;

/**
 * SQLite's one writer, shared: reports that wait for the writer lock at the same moment are written in one transaction,
 * each inside its own savepoint, and acknowledged only after that transaction committed.
 *
 * <p>Why: SQLite writes one transaction at a time, and with {@code synchronous=FULL} each commit waits for the WAL's
 * fsync. Under load, agents' reports queue for the lock anyway; the first in line (the leader) takes everyone queued
 * behind it, up to {@link #MAX_REPORTS} reports or {@link #MAX_RECORDS} records, so one fsync serves them all. With no
 * one else waiting a report is its own transaction, as before.
 *
 * <p>What stays true: a report is stored whole or not at all (a report whose writing fails is rolled back to its
 * savepoint; the others go on); nothing is acknowledged before its commit (a failed commit fails every report of the
 * transaction, and none of them is acknowledged); each report's sequences are decided after the reports before it in
 * the same transaction, so a replay inside one group is still a replay.
 *
 * <p>Bounded: the queue holds at most one unit per thread that called {@link #store}, and those threads are the HTTP
 * server's, whose pool is bounded. Counted in {@code watchpost_collector_ingest_transactions_total} and
 * {@code watchpost_collector_ingest_transaction_reports_total}.
 */
final class GroupCommit {
    /** Reports per shared transaction: a bound on how long one transaction holds the writer. */
    static final int MAX_REPORTS = 32;
    /** Records per shared transaction (a report bigger than this is still written, alone). */
    static final int MAX_RECORDS = 5_000;

    private final SqlStore store;
    private final Lock writer;
    private final int maxReports;
    private final int maxRecords;
    private final ConcurrentLinkedQueue<Unit> pending = new ConcurrentLinkedQueue<>();

    GroupCommit(SqlStore store, Lock writer, int maxReports, int maxRecords) {
        if (maxReports < 1 || maxRecords < 1) {
            throw new IllegalArgumentException("a group holds at least one report and one record");
        }
        this.store = store;
        this.writer = writer;
        this.maxReports = maxReports;
        this.maxRecords = maxRecords;
    }

    /** One report on its way through: written by whichever thread leads the transaction it lands in. */
    private static final class Unit {
        final SqlStore.PreparedReport report;
        /** Written by the leader while it holds the writer lock; read by the owner after taking that lock. */
        StoredReport stored;
        RuntimeException failure;
        boolean done;
        /** Target labels this report wrote, known to the store's cache only once the transaction commits. */
        final Map<String, Map<String, String>> labels = new LinkedHashMap<>();

        Unit(SqlStore.PreparedReport report) {
            this.report = report;
        }

        /** Rolled back to its savepoint: nothing of it stays, whatever it wrote. */
        void fail(RuntimeException e) {
            stored = null;
            failure = e;
            labels.clear();
        }

        int weight() {
            return Math.max(1, report.report().records().size());
        }
    }

    StoredReport store(SqlStore.PreparedReport report) {
        Unit mine = new Unit(report);
        pending.add(mine);
        writer.lock();
        try {
            // A leader before us may have written our report already; otherwise lead until it is.
            while (!mine.done) {
                lead();
            }
        } finally {
            writer.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.stored;
    }

    /** With the writer lock held: one transaction for the oldest queued reports, within the bounds. */
    private void lead() {
        List<Unit> group = new ArrayList<>();
        int records = 0;
        for (Unit u = pending.peek(); u != null; u = pending.peek()) {
            if (!group.isEmpty() && (group.size() >= maxReports || records + u.weight() > maxRecords)) {
                break;
            }
            pending.poll();
            group.add(u);
            records += u.weight();
        }
        write(group);
    }

    private void write(List<Unit> group) {
        try {
            int written = writeAndCommit(group);
            store.committed(labels(group), written);
        } catch (SQLException e) {
            failAll(group, store.database().unavailable(e));
        } catch (RuntimeException e) {
            failAll(group, e);
        } finally {
            for (Unit u : group) {
                u.done = true;
            }
        }
    }

    /** One transaction for the group, a savepoint per report when there are several; returns the reports written. */
    private int writeAndCommit(List<Unit> group) throws SQLException {
        Database db = store.database();
        int written = 0;
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Unit u : group) {
                    if (group.size() == 1) {
                        u.stored = store.write(c, u.report, u.labels);
                        written++;
                        continue;
                    }
                    Savepoint sp = c.setSavepoint();
                    try {
                        u.stored = store.write(c, u.report, u.labels);
                        c.releaseSavepoint(sp);
                        written++;
                    } catch (SQLException e) {
                        if (Database.classify(e) != DatabaseUnavailableException.Cause.UNREACHABLE
                                || !rolledBackTo(c, sp)) {
                            throw e; // the database itself is in trouble: the whole transaction goes
                        }
                        u.fail(db.unavailable(e));
                    } catch (RuntimeException e) {
                        if (!rolledBackTo(c, sp)) {
                            throw e;
                        }
                        u.fail(e);
                    }
                }
                c.commit();
                return written;
            } catch (SQLException | RuntimeException e) {
                SqlStore.rollbackQuietly(c);
                db.evict(c);
                throw e;
            }
        }
    }

    /** The target labels the group's stored reports wrote. */
    private static Map<String, Map<String, String>> labels(List<Unit> group) {
        Map<String, Map<String, String>> labels = new LinkedHashMap<>();
        for (Unit u : group) {
            if (u.failure == null) {
                labels.putAll(u.labels);
            }
        }
        return labels;
    }

    private static boolean rolledBackTo(Connection c, Savepoint sp) {
        try {
            c.rollback(sp);
            c.releaseSavepoint(sp);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The transaction did not commit: no report of it is stored, whatever its savepoint said. */
    private static void failAll(List<Unit> group, RuntimeException e) {
        for (Unit u : group) {
            u.stored = null;
            if (u.failure == null) {
                u.failure = e;
            }
        }
    }

}
