package org.watchpost.agent.forward;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: after the n-th failure in a row, a wait drawn uniformly from
 * {@code [0, min(max, base * 2^(n-1))]}. The jitter keeps a fleet of agents that lost their collector at the same
 * moment from coming back at the same moment.
 */
final class Backoff {
    static final Duration BASE = Duration.ofSeconds(1);

    private Duration max;
    private final DoubleSupplier random;
    private int failures;

    /** @param random uniform in [0, 1); injected so tests can fix it */
    Backoff(Duration max, DoubleSupplier random) {
        this.max = max;
        this.random = random;
    }

    /** Counts a failure and returns how long to wait before the next try. */
    Duration next() {
        failures = Math.min(failures + 1, 62);
        return Duration.ofNanos((long) (ceiling().toNanos() * Math.min(1.0, Math.max(0.0, random.getAsDouble()))));
    }

    /** The largest wait the current failure streak allows. */
    Duration ceiling() {
        if (failures == 0) {
            return Duration.ZERO;
        }
        long base = BASE.toNanos();
        int shift = Math.min(failures - 1, 40);
        long c = base > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : base << shift;
        return Duration.ofNanos(Math.min(c, max.toNanos()));
    }

    void setMax(Duration newMax) {
        this.max = newMax;
    }

    void reset() {
        failures = 0;
    }

    int failures() {
        return failures;
    }
}
