package org.watchpost.agent.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code journal:} section: the bounded on-disk store of check results and state changes.
 *
 * @param maxBytes      hard cap on the journal's disk use (default 256MiB)
 * @param segmentBytes  size of one segment file (default 8MiB)
 * @param keepFreeBytes never write when the filesystem has less free space than this (default 1GiB)
 * @param maxAge        records older than this are dropped (default 7d)
 * @param fsyncInterval how often appended records are forced to disk (default 1s)
 */
public record JournalSettings(long maxBytes, long segmentBytes, long keepFreeBytes, Duration maxAge,
                              Duration fsyncInterval) {
    public static final JournalSettings DEFAULTS = new JournalSettings(
            256L << 20, 8L << 20, 1L << 30, Duration.ofDays(7), Duration.ofSeconds(1));

    public JournalSettings {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(fsyncInterval, "fsyncInterval");
    }
}
