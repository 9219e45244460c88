package org.watchpost.collector.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the collector from becoming the watchdog table: history goes by age, by rows per target, and oldest first when
 * the database nears its byte cap or its filesystem nears the keep-free floor. The latest result per (target, agent)
 * and the sequence accounting never go. Every deleted row is counted by reason.
 *
 * <p>Deletes run in chunks of {@link #CHUNK} rows, each its own transaction, so ingest waits at most one chunk.
 *
 * <p>On SQLite the cap is exact: pages of deleted rows are reused before the file grows, and the engine refuses to
 * grow past {@code max_page_count}. On PostgreSQL the database's files are measured; space freed by pruning is reused
 * by new rows (autovacuum) rather than returned, so the size stays put after a prune: history is pruned again only
 * when the size grows past where the last prune left it.
 */
public final class Retention implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    /** Rows deleted per statement. */
    public static final int CHUNK = 5_000;
    /** Pruning for bytes starts above this share of the cap … */
    static final double HIGH_WATERMARK = 0.90;
    /** … and stops below this one. */
    static final double LOW_WATERMARK = 0.80;

    /** Why rows went: the {@code reason} label of {@code watchpost_collector_pruned_total}. */
    public enum Reason {
        AGE, ROWS_PER_TARGET, BYTES, DISK_FREE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final SqlStore store;
    private final Database db;
    private final RetentionSettings settings;
    private final List<Prunable> prunables;
    private final StoreMetrics metrics;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean soon = new AtomicBoolean();
    private volatile long lastBytes = -1;
    private volatile long capacity;
    private volatile boolean atCapacity;
    private long pgPrunedAt;

    public Retention(SqlStore store, RetentionSettings settings, List<Prunable> prunables, StoreMetrics metrics,
                     Clock clock) {
        this.store = store;
        this.db = store.database();
        this.settings = settings;
        this.prunables = List.copyOf(prunables);
        this.metrics = metrics;
        this.clock = clock;
        this.capacity = settings.maxDbBytes();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "collector-retention");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs every {@code interval} on its own thread. */
    public void start() {
        long ms = settings.interval().toMillis();
        timer.scheduleWithFixedDelay(this::runQuietly, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Asks for a pass as soon as possible, e.g. after the database said it is full. Never blocks. */
    public void requestSoon() {
        if (soon.compareAndSet(false, true)) {
            try {
                timer.execute(() -> {
                    soon.set(false);
                    runQuietly();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                soon.set(false);
            }
        }
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (SQLException | RuntimeException e) {
            log.warn("retention could not run: {}", Database.rootMessage(e));
        }
    }

    /** The database's bytes as last measured, -1 before the first pass. */
    public long lastBytes() {
        return lastBytes;
    }

    /** The bytes the database may use now: the cap, or less when the filesystem is near its keep-free floor. */
    public long capacityBytes() {
        return capacity;
    }

    /**
     * False while only latest state is left and the database is still at its capacity: ingest then answers 503 rather
     * than growing past the keep-free floor.
     */
    public boolean acceptingWrites() {
        return !atCapacity;
    }

    /** One pass of every rule; returns the rows it deleted. Synchronized: the timer and tests may both call it. */
    public synchronized long runOnce() throws SQLException {
        if (!db.migrated()) {
            return 0;
        }
        long deleted = 0;
        Instant cutoff = clock.instant().minus(settings.maxAge());
        deleted += pruneHistoryBefore(cutoff, Reason.AGE, Long.MAX_VALUE);
        deleted += pruneRowsPerTarget();
        deleted += pruneForSpace();
        return deleted;
    }

    private long pruneForSpace() throws SQLException {
        long used = db.bytes();
        long cap = settings.maxDbBytes();
        Reason reason = Reason.BYTES;
        Path file = db.settings().sqliteFile();
        if (file != null) {
            long roomOnDisk = usableSpace(file) - settings.keepFreeBytes();
            long diskCap = used + Math.max(0, roomOnDisk);
            if (diskCap < cap) {
                cap = diskCap;
                reason = Reason.DISK_FREE;
            }
        }
        capacity = cap;
        lastBytes = used;
        if (used <= cap * HIGH_WATERMARK) {
            atCapacity = false;
            return 0;
        }
        long deleted = 0;
        if (db.dialect() == Dialect.POSTGRESQL) {
            if (used > pgPrunedAt) {
                long rows = count("SELECT COUNT(*) FROM results");
                long target = (long) Math.ceil(rows * (1 - LOW_WATERMARK * cap / (double) used));
                deleted += pruneOldest(Math.max(target, 1), reason);
                pgPrunedAt = used;
            }
        } else {
            long goal = (long) (cap * LOW_WATERMARK);
            while (used > goal) {
                long n = pruneOldest(CHUNK, reason);
                if (n == 0) {
                    break;
                }
                deleted += n;
                used = db.bytes();
            }
        }
        lastBytes = db.bytes();
        // Nothing but latest state left and still at the cap: refuse writes rather than grow further.
        atCapacity = lastBytes >= cap && historyRows() == 0;
        if (deleted > 0) {
            log.info("pruned {} history rows for {}: the database uses {} bytes of {}", deleted, reason.id(),
                    lastBytes, cap);
        }
        return deleted;
    }

    /** Deletes the oldest {@code rows} results, then state changes and fleet rows older than what is left. */
    private long pruneOldest(long rows, Reason reason) throws SQLException {
        long deleted = 0;
        long remaining = rows;
        while (remaining > 0) {
            int chunk = (int) Math.min(CHUNK, remaining);
            int n = update("DELETE FROM results WHERE (agent, seq) IN (SELECT agent, seq FROM results"
                    + " ORDER BY time_ms LIMIT ?)", chunk);
            if (n == 0) {
                break;
            }
            deleted += n;
            remaining -= n;
        }
        metrics.pruned(reason, deleted);
        Long oldest = oldestResultTime();
        Instant before = oldest == null ? clock.instant().plusSeconds(1) : Instant.ofEpochMilli(oldest);
        long others = oldest == null ? pruneHistoryBefore(before, reason, CHUNK) : pruneHistoryBefore(before, reason,
                Long.MAX_VALUE);
        return deleted + others;
    }

    /** Results, state changes and fleet rows older than {@code cutoff}, at most {@code max} of each. */
    private long pruneHistoryBefore(Instant cutoff, Reason reason, long max) throws SQLException {
        long total = 0;
        total += deleteInChunks("DELETE FROM results WHERE (agent, seq) IN (SELECT agent, seq FROM results"
                + " WHERE time_ms < ? LIMIT ?)", cutoff.toEpochMilli(), max);
        total += deleteInChunks("DELETE FROM state_changes WHERE (agent, seq) IN (SELECT agent, seq FROM"
                + " state_changes WHERE time_ms < ? ORDER BY time_ms LIMIT ?)", cutoff.toEpochMilli(), max);
        for (Prunable p : prunables) {
            total += prunePrunable(p, cutoff, max);
        }
        metrics.pruned(reason, total);
        return total;
    }

    private long prunePrunable(Prunable p, Instant cutoff, long max) throws SQLException {
        long total = 0;
        while (total < max) {
            int n;
            Lock lock = store.writeLock();
            lock.lock();
            try (Connection c = db.dataSource().getConnection()) {
                c.setAutoCommit(false);
                try {
                    n = p.pruneOlderThan(c, cutoff, (int) Math.min(CHUNK, max - total));
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } finally {
                lock.unlock();
            }
            if (n <= 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private long pruneRowsPerTarget() throws SQLException {
        int keep = settings.maxResultsPerTarget();
        List<String> over = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT target FROM results GROUP BY target HAVING COUNT(*) > ?")) {
            ps.setInt(1, keep);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    over.add(r.getString(1));
                }
            }
        }
        String all = db.dialect() == Dialect.SQLITE ? "LIMIT -1" : "LIMIT ALL";
        long total = 0;
        for (String target : over) {
            Lock lock = store.writeLock();
            lock.lock();
            try (Connection c = db.dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("DELETE FROM results WHERE (agent, seq) IN (SELECT agent,"
                         + " seq FROM results WHERE target = ? ORDER BY time_ms DESC, seq DESC " + all
                         + " OFFSET ?)")) {
                ps.setString(1, target);
                ps.setInt(2, keep);
                total += ps.executeUpdate();
            } finally {
                lock.unlock();
            }
        }
        metrics.pruned(Reason.ROWS_PER_TARGET, total);
        return total;
    }

    private long deleteInChunks(String sql, long cutoffMs, long max) throws SQLException {
        long total = 0;
        while (total < max) {
            int n;
            Lock lock = store.writeLock();
            lock.lock();
            try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, cutoffMs);
                ps.setInt(2, (int) Math.min(CHUNK, max - total));
                n = ps.executeUpdate();
            } finally {
                lock.unlock();
            }
            if (n == 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private int update(String sql, int limit) throws SQLException {
        Lock lock = store.writeLock();
        lock.lock();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            return ps.executeUpdate();
        } finally {
            lock.unlock();
        }
    }

    private Long oldestResultTime() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT MIN(time_ms) FROM results")) {
            r.next();
            long v = r.getLong(1);
            return r.wasNull() ? null : v;
        }
    }

    private long historyRows() throws SQLException {
        return count("SELECT (SELECT COUNT(*) FROM results) + (SELECT COUNT(*) FROM state_changes)");
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static long usableSpace(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE / 4;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
