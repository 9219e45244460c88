package org.watchpost.agent.schedule;

/**
 * What the scheduler reports as it works; the agent's metrics implement it. Methods are called on scheduler and
 * worker threads, must be fast and must not throw.
 */
public interface ScheduleListener {
    ScheduleListener NONE = new ScheduleListener() { };

    /** A due probe was not started. */
    default void skipped(String target, SkipReason reason) {
    }

    /** A probe started {@code lagNanos} after it was due (0 or more). */
    default void started(String target, long lagNanos) {
    }

    /** A probe finished after running {@code runNanos}. */
    default void finished(String target, long runNanos) {
    }
}
