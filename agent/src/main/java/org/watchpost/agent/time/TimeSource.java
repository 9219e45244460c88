package org.watchpost.agent.time;

import java.time.Instant;

/**
 * Where the agent reads time. Production uses {@link #system()}; tests pass a fake they advance by hand, so nothing
 * timed in a test waits for a real clock.
 */
public interface TimeSource {
    /** Monotonic nanoseconds, for intervals and deadlines; only differences are meaningful. */
    long nanoTime();

    /** Wall-clock time, for timestamps that people and other machines read. */
    Instant now();

    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }

    final class SystemTimeSource implements TimeSource {
        static final SystemTimeSource INSTANCE = new SystemTimeSource();

        private SystemTimeSource() {
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Instant now() {
            return Instant.now();
        }
    }
}
