package org.watchpost.collector.store;

/**
 * The collector's own trouble with its database: unreachable, full, pool exhausted, timed out. Nothing of the request
 * that met it was committed; the client should retry later (HTTP 503 with {@code Retry-After}).
 */
public final class DatabaseUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why, for the rejection counter and the log: {@code full}, {@code unreachable}, {@code busy}. */
    public enum Cause {
        FULL, UNREACHABLE, BUSY;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Cause kind;

    public DatabaseUnavailableException(Cause kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Cause kind() {
        return kind;
    }
}
