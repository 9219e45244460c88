package org.watchpost.collector.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A table outside ingest that gives up its old rows by the collector's retention rules (age and the byte cap), so it
 * cannot outgrow the database either; what it deletes is counted in {@code watchpost_collector_pruned_total{reason}}.
 * Fleet tables (resolved incidents, delivered outbox rows) implement it; rows that are still needed (open incidents,
 * undelivered notifications, latest state) must never be returned to deletion.
 *
 * <p>Each call runs in its own short transaction on the connection given (auto-commit off; the caller commits) and
 * must delete at most {@code limit} rows, so one call never holds the database for long.
 */
public interface Prunable {
    /** A short name for logs, such as {@code incidents}. */
    String name();

    /** Deletes up to {@code limit} prunable rows older than {@code cutoff}; returns how many it deleted. */
    int pruneOlderThan(Connection connection, Instant cutoff, int limit) throws SQLException;
}
