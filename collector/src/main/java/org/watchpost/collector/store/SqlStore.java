package org.watchpost.collector.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.watchpost.protocol.AgentHealth;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.DroppedRange;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Report;
import org.watchpost.protocol.ReportRecord;
import org.watchpost.protocol.StateChange;
import org.watchpost.protocol.Verdict;
import org.watchpost.protocol.WireJson;

/**
 * Ingest's writes and everyone's reads, in SQL that SQLite and PostgreSQL both run.
 *
 * <p>One report is one transaction: the agent row is locked first (SQLite: the IMMEDIATE transaction's write lock;
 * PostgreSQL: {@code SELECT … FOR UPDATE}), so two collectors or two retries of the same batch cannot both count it.
 * Which sequences are new is decided from {@code seq_ranges}, not from the history rows, so a replay stays a replay
 * after its rows were pruned.
 */
public final class SqlStore implements ResultStore {
    /**
     * Range rows kept per agent. An agent whose sequences are fragmented beyond this (every other record lost) has its
     * two oldest ranges merged: the gap between them stays counted in {@code gaps}, but a record of it that arrives
     * later is taken for a duplicate. Counted in {@code agents.ranges_merged}.
     */
    public static final int MAX_RANGES = 1000;

    private final Database db;
    private final ObjectMapper json = WireJson.newMapper();
    private final com.fasterxml.jackson.databind.ObjectWriter resultWriter = json.writerFor(CheckResult.class);
    /** SQLite has one writer anyway; queueing here is cheaper than its busy-wait loop. */
    private final ReentrantLock sqliteWriter = new ReentrantLock(true);
    /**
     * Labels of targets known to be in the database as written, so that a result does not rewrite its target's row
     * every time: updated only after a commit, cleared when it reaches {@link #MAX_CACHED_TARGETS} (then targets are
     * simply written again once).
     */
    private final Map<String, Map<String, String>> committedLabels = new java.util.concurrent.ConcurrentHashMap<>();
    static final int MAX_CACHED_TARGETS = 100_000;

    private final StoreMetrics metrics;
    private final GroupCommit groupCommit;

    public SqlStore(Database db) {
        this(db, StoreMetrics.NONE);
    }

    public SqlStore(Database db, StoreMetrics metrics) {
        this(db, metrics, GroupCommit.MAX_REPORTS, GroupCommit.MAX_RECORDS);
    }

    /** With other bounds for SQLite's shared transactions (tests). */
    SqlStore(Database db, StoreMetrics metrics, int maxReportsPerTransaction, int maxRecordsPerTransaction) {
        this.db = db;
        this.metrics = metrics;
        this.groupCommit = new GroupCommit(this, sqliteWriter, maxReportsPerTransaction, maxRecordsPerTransaction);
    }

    public Database database() {
        return db;
    }

    /**
     * The lock every writer of this store takes around a transaction: SQLite's one-writer rule, kept in the JVM where
     * waiting is fair and cheap. On PostgreSQL writers lock rows instead, and this lock is never taken by anyone.
     */
    Lock writeLock() {
        return db.dialect() == Dialect.SQLITE ? sqliteWriter : NO_LOCK;
    }

    private static final Lock NO_LOCK = new NoLock();

    private static final class NoLock implements Lock {
        @Override
        public void lock() {
        }

        @Override
        public void lockInterruptibly() {
        }

        @Override
        public boolean tryLock() {
            return true;
        }

        @Override
        public boolean tryLock(long time, java.util.concurrent.TimeUnit unit) {
            return true;
        }

        @Override
        public void unlock() {
        }

        @Override
        public java.util.concurrent.locks.Condition newCondition() {
            throw new UnsupportedOperationException("no conditions on a lock that is never held");
        }
    }

    /**
     * Stores a report that is already authenticated and validated, in one transaction (on SQLite possibly shared
     * with other reports waiting for the writer at the same moment: see {@link GroupCommit}). Its result is returned
     * only once that transaction committed.
     *
     * @throws DatabaseUnavailableException when the database cannot commit it; then nothing of it is stored
     */
    public StoredReport store(Report report, Instant receivedAt) {
        return store(prepare(report, receivedAt));
    }

    StoredReport store(PreparedReport prepared) {
        if (db.dialect() == Dialect.SQLITE) {
            return groupCommit.store(prepared);
        }
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            Map<String, Map<String, String>> labels = new LinkedHashMap<>();
            try {
                StoredReport stored = write(c, prepared, labels);
                c.commit();
                committed(labels, 1);
                return stored;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                db.evict(c);
                throw e;
            }
        } catch (SQLException e) {
            throw db.unavailable(e);
        }
    }

    /**
     * A report with the work that needs no lock done ahead: the JSON of the newest result per target (what the
     * {@code latest} table keeps), encoded before the writer lock is taken.
     */
    record PreparedReport(Report report, Instant receivedAt, Map<String, ReportRecord> newest,
                          Map<String, String> newestJson) {
    }

    PreparedReport prepare(Report report, Instant receivedAt) {
        Map<String, ReportRecord> newest = newestPerTarget(report.records());
        Map<String, String> encoded = new HashMap<>(newest.size() * 2);
        for (Map.Entry<String, ReportRecord> e : newest.entrySet()) {
            encoded.put(e.getKey(), encode(e.getValue().checkResult()));
        }
        return new PreparedReport(report, receivedAt, newest, encoded);
    }

    /** After a commit: the labels now in the database, and the transaction counted. */
    void committed(Map<String, Map<String, String>> labels, int reports) {
        if (committedLabels.size() + labels.size() > MAX_CACHED_TARGETS) {
            committedLabels.clear();
        }
        committedLabels.putAll(labels);
        metrics.transactionCommitted(reports);
    }

    /** Writes one prepared report inside the caller's transaction (GroupCommit's savepoints use it too). */
    StoredReport write(Connection c, PreparedReport prepared, Map<String, Map<String, String>> labelsWritten)
            throws SQLException {
        Report report = prepared.report();
        String agent = report.agent();
        long now = prepared.receivedAt().toEpochMilli();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO agents (id) VALUES (?) ON CONFLICT (id) DO NOTHING")) {
            ps.setString(1, agent);
            ps.executeUpdate();
        }
        AgentRow row = lockAgent(c, agent);

        List<ReportRecord> records = report.records();
        List<DroppedRange> drops = report.dropped();
        List<ReportRecord> fresh = new ArrayList<>(records.size());
        long newlyDropped = 0;
        long first = row.firstSeq;
        long last = row.lastSeq;
        long merged = row.rangesMerged;
        if (!records.isEmpty() || !drops.isEmpty()) {
            long lo = Long.MAX_VALUE;
            long hi = 0;
            for (ReportRecord r : records) {
                lo = Math.min(lo, r.seq());
                hi = Math.max(hi, r.seq());
            }
            for (DroppedRange d : drops) {
                lo = Math.min(lo, d.from());
                hi = Math.max(hi, d.to());
            }
            List<long[]> loaded = ranges(c, agent, lo - 1, hi + 1);
            SeqRanges accounted = new SeqRanges(loaded);
            for (ReportRecord r : records) {
                if (!accounted.contains(r.seq())) {
                    fresh.add(r);
                    accounted.add(r.seq(), r.seq());
                }
            }
            for (DroppedRange d : drops) {
                // A sequence that arrived as a record (now or before) is received, not dropped.
                newlyDropped += accounted.add(d.from(), d.to());
            }
            insertHistory(c, agent, fresh);
            upsertLatest(c, agent, fresh, now, prepared, labelsWritten);
            replaceRanges(c, agent, loaded, accounted.ranges());
            merged += capRanges(c, agent);
            first = first == 0 ? lo : Math.min(first, lo);
            last = Math.max(last, hi);
        }
        long received = row.received + fresh.size();
        long dropped = row.declaredDropped + newlyDropped;

        AgentHealth health = row.health;
        String version = row.version;
        long healthSent = row.healthSentMs;
        boolean newerHealth = report.health() != null && report.sentAt().toEpochMilli() >= row.healthSentMs;
        if (newerHealth) {
            health = report.health();
            version = health.version();
            healthSent = report.sentAt().toEpochMilli();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE agents SET first_seq = ?, last_seq = ?, received = ?,"
                + " declared_dropped = ?, ranges_merged = ?, last_seen_ms = ?, version = ?, health = ?,"
                + " health_sent_ms = ? WHERE id = ?")) {
            ps.setLong(1, first);
            ps.setLong(2, last);
            ps.setLong(3, received);
            ps.setLong(4, dropped);
            ps.setLong(5, merged);
            ps.setLong(6, Math.max(now, row.lastSeenMs));
            ps.setString(7, version);
            ps.setString(8, health == null ? null : toJson(health));
            ps.setLong(9, healthSent);
            ps.setString(10, agent);
            ps.executeUpdate();
        }
        AgentStatus status = status(agent, version, Math.max(now, row.lastSeenMs), first, last, received, dropped,
                health);
        return new StoredReport(report.lastSequence(), fresh, records.size() - fresh.size(), newlyDropped, status);
    }

    private record AgentRow(long firstSeq, long lastSeq, long received, long declaredDropped, long rangesMerged,
                            long lastSeenMs, long healthSentMs, String version, AgentHealth health) {
    }

    private AgentRow lockAgent(Connection c, String agent) throws SQLException {
        String sql = "SELECT first_seq, last_seq, received, declared_dropped, ranges_merged, last_seen_ms,"
                + " health_sent_ms, version, health FROM agents WHERE id = ?"
                + (db.dialect() == Dialect.POSTGRESQL ? " FOR UPDATE" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, agent);
            try (ResultSet r = ps.executeQuery()) {
                if (!r.next()) {
                    throw new SQLException("the row of agent " + agent + " vanished inside its own transaction");
                }
                String health = r.getString(9);
                return new AgentRow(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5),
                        r.getLong(6), r.getLong(7), r.getString(8), health == null ? null : health(health));
            }
        }
    }

    /** The agent's ranges that overlap or touch {@code lo..hi}. */
    private static List<long[]> ranges(Connection c, String agent, long lo, long hi) throws SQLException {
        List<long[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT from_seq, to_seq FROM seq_ranges"
                + " WHERE agent = ? AND from_seq <= ? AND to_seq >= ? ORDER BY from_seq")) {
            ps.setString(1, agent);
            ps.setLong(2, hi);
            ps.setLong(3, lo);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.add(new long[] {r.getLong(1), r.getLong(2)});
                }
            }
        }
        return out;
    }

    private static void replaceRanges(Connection c, String agent, List<long[]> loaded, List<long[]> now)
            throws SQLException {
        if (loaded.size() == now.size()) {
            boolean same = true;
            for (int i = 0; i < now.size() && same; i++) {
                same = loaded.get(i)[0] == now.get(i)[0] && loaded.get(i)[1] == now.get(i)[1];
            }
            if (same) {
                return;
            }
        }
        if (!loaded.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM seq_ranges WHERE agent = ? AND from_seq = ?")) {
                for (long[] r : loaded) {
                    ps.setString(1, agent);
                    ps.setLong(2, r[0]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO seq_ranges (agent, from_seq, to_seq) VALUES (?, ?, ?)")) {
            for (long[] r : now) {
                ps.setString(1, agent);
                ps.setLong(2, r[0]);
                ps.setLong(3, r[1]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Merges the agent's oldest ranges until at most {@link #MAX_RANGES} remain; returns how many merges it did. */
    private static int capRanges(Connection c, String agent) throws SQLException {
        int count;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM seq_ranges WHERE agent = ?")) {
            ps.setString(1, agent);
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                count = r.getInt(1);
            }
        }
        if (count <= MAX_RANGES) {
            return 0;
        }
        int merges = count - MAX_RANGES;
        List<long[]> oldest = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT from_seq, to_seq FROM seq_ranges WHERE agent = ? ORDER BY from_seq LIMIT ?")) {
            ps.setString(1, agent);
            ps.setInt(2, merges + 1);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    oldest.add(new long[] {r.getLong(1), r.getLong(2)});
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM seq_ranges WHERE agent = ? AND from_seq >= ? AND from_seq <= ?")) {
            ps.setString(1, agent);
            ps.setLong(2, oldest.get(0)[0]);
            ps.setLong(3, oldest.get(oldest.size() - 1)[0]);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO seq_ranges (agent, from_seq, to_seq) VALUES (?, ?, ?)")) {
            ps.setString(1, agent);
            ps.setLong(2, oldest.get(0)[0]);
            ps.setLong(3, oldest.get(oldest.size() - 1)[1]);
            ps.executeUpdate();
        }
        return merges;
    }

    private static void insertHistory(Connection c, String agent, List<ReportRecord> fresh) throws SQLException {
        boolean anyResult = false;
        boolean anyChange = false;
        for (ReportRecord r : fresh) {
            anyResult |= r.checkResult() != null;
            anyChange |= r.stateChange() != null;
        }
        if (anyResult) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO results (agent, seq, target, time_ms, verdict,"
                    + " class, status, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (agent, seq) DO NOTHING")) {
                for (ReportRecord r : fresh) {
                    CheckResult cr = r.checkResult();
                    if (cr == null) {
                        continue;
                    }
                    ps.setString(1, agent);
                    ps.setLong(2, r.seq());
                    ps.setString(3, cr.target());
                    ps.setLong(4, timeOf(r).toEpochMilli());
                    ps.setString(5, cr.verdict().id());
                    setNullable(ps, 6, cr.primaryClass() == null ? null : cr.primaryClass().id());
                    if (cr.status() == null) {
                        ps.setNull(7, Types.INTEGER);
                    } else {
                        ps.setInt(7, cr.status());
                    }
                    if (cr.durationSeconds() == null) {
                        ps.setNull(8, Types.BIGINT);
                    } else {
                        ps.setLong(8, Math.round(cr.durationSeconds() * 1000));
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (anyChange) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO state_changes (agent, seq, target, time_ms,"
                    + " from_state, to_state, class, signature, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (agent, seq) DO NOTHING")) {
                for (ReportRecord r : fresh) {
                    StateChange sc = r.stateChange();
                    if (sc == null) {
                        continue;
                    }
                    ps.setString(1, agent);
                    ps.setLong(2, r.seq());
                    ps.setString(3, sc.target());
                    ps.setLong(4, (sc.time() == null ? r.time() : sc.time()).toEpochMilli());
                    ps.setString(5, sc.from());
                    ps.setString(6, sc.to());
                    setNullable(ps, 7, sc.primaryClass() == null ? null : sc.primaryClass().id());
                    setNullable(ps, 8, sc.signature());
                    setNullable(ps, 9, sc.evidence());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    /** Targets and the latest result per (target, agent); an older result that arrives late never wins. */
    private void upsertLatest(Connection c, String agent, List<ReportRecord> fresh, long now, PreparedReport prepared,
                              Map<String, Map<String, String>> labelsWritten) throws SQLException {
        Map<String, ReportRecord> newest = newestPerTarget(fresh);
        if (newest.isEmpty()) {
            return;
        }
        for (ReportRecord r : newest.values()) {
            String target = r.checkResult().target();
            Map<String, String> labels = r.checkResult().labels();
            if (!labels.equals(committedLabels.get(target))) {
                labelsWritten.put(target, labels);
            }
        }
        if (!labelsWritten.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO targets (name, labels, first_seen_ms)"
                    + " VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET labels = excluded.labels")) {
                for (Map.Entry<String, Map<String, String>> e : labelsWritten.entrySet()) {
                    ps.setString(1, e.getKey());
                    ps.setString(2, toJson(e.getValue()));
                    ps.setLong(3, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO latest (target, agent, seq, time_ms, received_ms,"
                + " verdict, result) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (target, agent) DO UPDATE SET"
                + " seq = excluded.seq, time_ms = excluded.time_ms, received_ms = excluded.received_ms,"
                + " verdict = excluded.verdict, result = excluded.result WHERE excluded.seq > latest.seq")) {
            for (ReportRecord r : newest.values()) {
                CheckResult cr = r.checkResult();
                ps.setString(1, cr.target());
                ps.setString(2, agent);
                ps.setLong(3, r.seq());
                ps.setLong(4, timeOf(r).toEpochMilli());
                ps.setLong(5, now);
                ps.setString(6, cr.verdict().id());
                // Encoded ahead unless a replayed record was the report's newest for this target.
                ReportRecord ahead = prepared.newest().get(cr.target());
                ps.setString(7, ahead != null && ahead.seq() == r.seq()
                        ? prepared.newestJson().get(cr.target()) : encode(cr));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static Map<String, ReportRecord> newestPerTarget(List<ReportRecord> records) {
        Map<String, ReportRecord> newest = new LinkedHashMap<>();
        for (ReportRecord r : records) {
            if (r.checkResult() != null) {
                newest.merge(r.checkResult().target(), r, (a, b) -> b.seq() > a.seq() ? b : a);
            }
        }
        return newest;
    }

    private String encode(CheckResult cr) {
        try {
            return resultWriter.writeValueAsString(cr);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a check result as JSON", e);
        }
    }

    @Override
    public List<LatestResult> latest() {
        List<LatestResult> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT target, agent, seq, received_ms, result FROM latest ORDER BY target, agent");
             ResultSet r = ps.executeQuery()) {
            while (r.next()) {
                out.add(new LatestResult(r.getString(1), r.getString(2), parse(r.getString(5), CheckResult.class),
                        r.getLong(3), Instant.ofEpochMilli(r.getLong(4))));
            }
        } catch (SQLException e) {
            throw db.unavailable(e);
        }
        return out;
    }

    @Override
    public List<HistoryPoint> history(String target, Instant since, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        List<HistoryPoint> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT agent, time_ms, verdict, class, status FROM results"
                     + " WHERE target = ? AND time_ms >= ? ORDER BY time_ms DESC, agent LIMIT ?")) {
            ps.setString(1, target);
            ps.setLong(2, since.toEpochMilli());
            ps.setInt(3, limit);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    String cls = r.getString(4);
                    int status = r.getInt(5);
                    Integer statusOrNull = r.wasNull() ? null : status;
                    out.add(new HistoryPoint(r.getString(1), Instant.ofEpochMilli(r.getLong(2)),
                            Verdict.fromId(r.getString(3)), cls == null ? null : FailureClass.fromId(cls),
                            statusOrNull));
                }
            }
        } catch (SQLException e) {
            throw db.unavailable(e);
        }
        return out;
    }

    @Override
    public List<AgentStatus> agents() {
        List<AgentStatus> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, version, last_seen_ms, first_seq, last_seq,"
                     + " received, declared_dropped, health FROM agents ORDER BY id");
             ResultSet r = ps.executeQuery()) {
            while (r.next()) {
                long lastSeen = r.getLong(3);
                Instant seen = r.wasNull() ? null : Instant.ofEpochMilli(lastSeen);
                String health = r.getString(8);
                out.add(status(r.getString(1), r.getString(2), seen == null ? 0 : lastSeen, r.getLong(4),
                        r.getLong(5), r.getLong(6), r.getLong(7), health == null ? null : health(health)));
            }
        } catch (SQLException e) {
            throw db.unavailable(e);
        }
        return out;
    }

    private static AgentStatus status(String id, String version, long lastSeenMs, long first, long last,
                                      long received, long dropped, AgentHealth health) {
        long span = last == 0 ? 0 : last - first + 1;
        long gaps = Math.max(0, span - received - dropped);
        return new AgentStatus(id, version, lastSeenMs == 0 ? null : Instant.ofEpochMilli(lastSeenMs), first, last,
                received, dropped, gaps, health);
    }

    private static Instant timeOf(ReportRecord r) {
        return r.checkResult().time() == null ? r.time() : r.checkResult().time();
    }

    private static void setNullable(PreparedStatement ps, int i, String value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, value);
        }
    }

    private AgentHealth health(String text) {
        return parse(text, AgentHealth.class);
    }

    private <T> T parse(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the database holds a " + type.getSimpleName()
                    + " this build cannot read: " + e.getOriginalMessage(), e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // The connection is broken; the pool discards it and the transaction dies with it.
        }
    }
}
