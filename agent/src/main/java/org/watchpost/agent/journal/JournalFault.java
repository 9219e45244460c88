package org.watchpost.agent.journal;

import java.util.Locale;

/**
 * Something wrong with the journal's directory that the journal survived, counted in
 * {@code watchpost_journal_faults_total{kind}}. The records such a fault cost are counted apart, as drops.
 */
public enum JournalFault {
    /**
     * A file in the journal directory that is not one of its own: a name that looks like a segment but cannot be one
     * (a number past the largest sequence, a range its size cannot hold, a first record that is not the segment's),
     * a directory with a segment's name, or any other file. Skipped and left where it is.
     */
    FOREIGN_FILE,
    /**
     * The cursor file named a sequence beyond the last one written (or could not be read). Trusting it would count
     * every unacknowledged record as acknowledged; instead the reader starts from the oldest record kept, and the
     * collector drops what it already has.
     */
    CURSOR_REJECTED,
    /** The journal directory (or the segment being written) disappeared while running and was created again. */
    DIRECTORY_LOST;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
