package org.watchpost.agent.journal;

import java.util.Locale;

/**
 * Why a record will never reach the collector. Every drop is counted by reason in
 * {@code watchpost_journal_dropped_total{reason}}; nothing is ever lost silently.
 */
public enum DropReason {
    /** The in-memory buffer in front of the writer was full: the disk could not keep up (or was failing). */
    BUFFER_FULL,
    /** The filesystem had less free space than {@code journal.keep_free_bytes}: the journal does not take the last of it. */
    KEEP_FREE,
    /** A write failed with "no space left on device". */
    DISK_FULL,
    /** A write failed with another I/O error. */
    IO_ERROR,
    /** The journal reached {@code journal.max_bytes}: its oldest segment was deleted, unforwarded records too. */
    CAPACITY,
    /** Records older than {@code journal.max_age} were deleted. */
    AGE,
    /** Records found damaged or missing on disk (torn writes, bit flips, a deleted segment). */
    CORRUPT,
    /** A single record larger than the journal accepts. */
    TOO_LARGE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
