package org.watchpost.collector.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How much history the collector keeps. The latest result per (target, agent) is never pruned.
 *
 * @param maxDbBytes          the database's byte cap; past 90% of it the oldest history goes until it is under 80%
 * @param keepFreeBytes       the free space the collector leaves on the filesystem of {@code data_dir} (SQLite)
 * @param maxAge              history older than this goes
 * @param maxResultsPerTarget results kept per target (all agents together), newest first
 * @param interval            how often retention runs (also right after the database reports itself full)
 */
public record RetentionSettings(long maxDbBytes, long keepFreeBytes, Duration maxAge, int maxResultsPerTarget,
                                Duration interval) {
    public static final RetentionSettings DEFAULTS =
            new RetentionSettings(1L << 30, 1L << 30, Duration.ofDays(30), 10_000, Duration.ofSeconds(30));

    public RetentionSettings {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(interval, "interval");
        if (maxDbBytes <= 0 || keepFreeBytes < 0 || maxResultsPerTarget < 1 || maxAge.isZero() || maxAge.isNegative()
                || interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("retention settings must be positive: " + maxDbBytes + ", "
                    + keepFreeBytes + ", " + maxAge + ", " + maxResultsPerTarget + ", " + interval);
        }
    }

    public RetentionSettings withInterval(Duration d) {
        return new RetentionSettings(maxDbBytes, keepFreeBytes, maxAge, maxResultsPerTarget, d);
    }
}
