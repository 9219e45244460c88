package org.watchpost.collector.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.watchpost.collector.store.Dialect;
import org.watchpost.collector.store.Prunable;
import org.watchpost.collector.fleet.Transactions;

/**
 * The durable notification outbox: table {@code watchpost_outbox} in the collector's database.
 *
 * <p>Rows are written in the same transaction as the incident change they announce. A sender {@link #claim claims}
 * due rows in one transaction (on PostgreSQL with {@code FOR UPDATE SKIP LOCKED}, so two collectors never claim the
 * same row; on SQLite the database's single writer does the same) and marks them {@code sending} with a lease and a
 * claim token; only the holder of the token can complete them. A row whose holder died comes back after its lease.
 * Delivery is at least once: a collector killed between a receiver's 2xx and the row's update sends that row again
 * after the lease. Alertmanager deduplicates identical alerts; webhook receivers get {@code X-Watchpost-Delivery}.
 *
 * <p>Bounded: at most {@code capacity} rows wait (pending or sending); a new one beyond is refused and counted by the
 * caller. Finished rows (done, superseded, rejected) give way through the collector's retention.
 */
public final class Outbox implements Prunable {
    /** A sender that does not complete a claimed row within this long is presumed dead. */
    public static final Duration LEASE = Duration.ofMinutes(2);
    private static final String ROW = "id, incident_id, channel, endpoint, event, alertname, alert_class, attempts,"
            + " repeats_left, claim_token, created_ms";

    private final DataSource dataSource;
    private final Dialect dialect;
    private final int capacity;

    public Outbox(DataSource dataSource, Dialect dialect, int capacity) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Queues a notification inside the caller's transaction.
     *
     * @return false when the outbox is full and the row was not written
     */
    public boolean enqueue(Connection tx, long incidentId, String channel, String endpoint, String event,
                           String alertname, String alertClass, int repeats, Instant due) throws SQLException {
        if (waiting(tx) >= capacity) {
            return false;
        }
        try (PreparedStatement ps = tx.prepareStatement("INSERT INTO watchpost_outbox (incident_id, channel, endpoint,"
                + " event, alertname, alert_class, state, due_ms, repeats_left, created_ms) VALUES (?, ?, ?, ?, ?, ?,"
                + " 'pending', ?, ?, ?)")) {
            ps.setLong(1, incidentId);
            ps.setString(2, channel);
            ps.setString(3, endpoint);
            ps.setString(4, event);
            ps.setString(5, alertname);
            ps.setString(6, alertClass);
            ps.setLong(7, due.toEpochMilli());
            ps.setInt(8, repeats);
            ps.setLong(9, due.toEpochMilli());
            ps.executeUpdate();
        }
        return true;
    }

    /** Ends the waiting rows of {@code incidentId} on {@code channel} with {@code event}: they are out of date. */
    public int supersede(Connection tx, long incidentId, String channel, String event, Instant now)
            throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("UPDATE watchpost_outbox SET state = 'superseded',"
                + " done_ms = ?, claim_token = NULL WHERE incident_id = ? AND channel = ? AND event = ?"
                + " AND state IN ('pending', 'sending')")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setLong(2, incidentId);
            ps.setString(3, channel);
            ps.setString(4, event);
            return ps.executeUpdate();
        }
    }

    /** Claims up to {@code limit} due rows, oldest first, for this caller alone. */
    public List<OutboxRow> claim(Instant now, int limit) throws SQLException {
        String token = UUID.randomUUID().toString();
        return Transactions.inTransaction(dataSource, tx -> {
            String due = "SELECT id FROM watchpost_outbox WHERE ((state = 'pending' AND due_ms <= ?)"
                    + " OR (state = 'sending' AND lease_ms <= ?)) ORDER BY id LIMIT ?";
            if (dialect == Dialect.POSTGRESQL) {
                due += " FOR UPDATE SKIP LOCKED";
            }
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = tx.prepareStatement(due)) {
                ps.setLong(1, now.toEpochMilli());
                ps.setLong(2, now.toEpochMilli());
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            try (PreparedStatement ps = tx.prepareStatement("UPDATE watchpost_outbox SET state = 'sending',"
                    + " claim_token = ?, lease_ms = ? WHERE id = ? AND (state = 'pending' OR state = 'sending')")) {
                for (long id : ids) {
                    ps.setString(1, token);
                    ps.setLong(2, now.plus(LEASE).toEpochMilli());
                    ps.setLong(3, id);
                    ps.addBatch();
                }
                if (!ids.isEmpty()) {
                    ps.executeBatch();
                }
            }
            List<OutboxRow> rows = new ArrayList<>();
            try (PreparedStatement ps = tx.prepareStatement("SELECT " + ROW + " FROM watchpost_outbox"
                    + " WHERE claim_token = ? AND state = 'sending' ORDER BY id")) {
                ps.setString(1, token);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new OutboxRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8), rs.getInt(9),
                                rs.getString(10), Instant.ofEpochMilli(rs.getLong(11))));
                    }
                }
            }
            return rows;
        });
    }

    /** Delivered for good. */
    public boolean done(OutboxRow row, Instant now) throws SQLException {
        return finish(row, "done", now, null);
    }

    /** The receiver refused it for good (a 4xx) or it can no longer be sent. */
    public boolean reject(OutboxRow row, Instant now, String error) throws SQLException {
        return finish(row, "rejected", now, error);
    }

    /** Delivered, and due again at {@code next} (a firing alert's re-post, a resolution's repeat). */
    public boolean again(OutboxRow row, Instant next, int repeatsLeft) throws SQLException {
        return update(row, "UPDATE watchpost_outbox SET state = 'pending', claim_token = NULL, lease_ms = NULL,"
                + " attempts = 0, last_error = NULL, due_ms = ?, repeats_left = ? WHERE id = ? AND claim_token = ?"
                + " AND state = 'sending'", next.toEpochMilli(), repeatsLeft);
    }

    /** Not delivered; try again at {@code next}. */
    public boolean retry(OutboxRow row, Instant next, String error) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE watchpost_outbox SET state = 'pending',"
                     + " claim_token = NULL, lease_ms = NULL, attempts = attempts + 1, due_ms = ?, last_error = ?"
                     + " WHERE id = ? AND claim_token = ? AND state = 'sending'")) {
            ps.setLong(1, next.toEpochMilli());
            ps.setString(2, clip(error));
            ps.setLong(3, row.id());
            ps.setString(4, row.claimToken());
            return ps.executeUpdate() == 1;
        }
    }

    private boolean finish(OutboxRow row, String state, Instant now, String error) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE watchpost_outbox SET state = ?, claim_token = NULL,"
                     + " lease_ms = NULL, done_ms = ?, last_error = ? WHERE id = ? AND claim_token = ?"
                     + " AND state = 'sending'")) {
            ps.setString(1, state);
            ps.setLong(2, now.toEpochMilli());
            ps.setString(3, error == null ? null : clip(error));
            ps.setLong(4, row.id());
            ps.setString(5, row.claimToken());
            return ps.executeUpdate() == 1;
        }
    }

    private boolean update(OutboxRow row, String sql, long due, int repeats) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, due);
            ps.setInt(2, repeats);
            ps.setLong(3, row.id());
            ps.setString(4, row.claimToken());
            return ps.executeUpdate() == 1;
        }
    }

    /** Rows waiting to be sent (pending or being sent). */
    public int waiting() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return waiting(c);
        }
    }

    private static int waiting(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM watchpost_outbox WHERE state IN"
                + " ('pending', 'sending')"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * Retention: deletes up to {@code limit} finished rows (done, superseded, rejected) finished before
     * {@code cutoff}, on the caller's connection (the caller commits). Rows still waiting are never deleted.
     */
    @Override
    public String name() {
        return "notifications";
    }

    @Override
    public int pruneOlderThan(Connection connection, Instant cutoff, int limit) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM watchpost_outbox WHERE id IN (SELECT id"
                + " FROM watchpost_outbox WHERE state IN ('done', 'superseded', 'rejected') AND done_ms < ?"
                + " ORDER BY done_ms, id LIMIT ?)")) {
            ps.setLong(1, cutoff.toEpochMilli());
            ps.setInt(2, limit);
            return ps.executeUpdate();
        }
    }

    private static String clip(String s) {
        return s == null || s.length() <= 500 ? s : s.substring(0, 500);
    }
}
