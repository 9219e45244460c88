package org.watchpost.agent.journal;

import java.util.Objects;

/**
 * One record as stored: a sequence number (per agent, from 1, contiguous on disk, kept across restarts), when it was
 * appended, what kind it is and its payload (the JSON of a protocol type).
 */
public record JournalRecord(long sequence, long timestampMillis, Type type, byte[] payload) {
    public JournalRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
    }

    /** What a record holds; the code is what is stored on disk, so codes never change meaning. */
    public enum Type {
        CHECK_RESULT(1),
        STATE_CHANGE(2);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        static Type of(int code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            return null;
        }
    }
}
