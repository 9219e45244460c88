package org.watchpost.collector.store;

/**
 * What the store reports about itself; the collector's metrics implement it, tests may count. Methods must be fast
 * and must not throw. Every method defaults to doing nothing.
 */
public interface StoreMetrics {
    StoreMetrics NONE = new StoreMetrics() {
    };

    /** {@code rows} history rows deleted for {@code reason}. */
    default void pruned(Retention.Reason reason, long rows) {
    }

    /** One ingest transaction committed, holding {@code reports} reports (more than one under SQLite group commit). */
    default void transactionCommitted(int reports) {
    }
}
