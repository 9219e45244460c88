package org.watchpost.agent.log;

import ch.qos.logback.classic.Logger;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * What {@link LogSetup#configure} set up: read its counters for {@code watchpost_log_events_dropped_total} and
 * {@code watchpost_log_events_suppressed_total}, and close it on shutdown so that the last lines (and the summaries
 * of repeats still pending) reach the console and the file.
 *
 * <p>A later {@code configure} (a reload) keeps the same queue and counters and returns a new handle over them;
 * either handle reads the same counts, and closing either ends the agent's logging.
 */
public final class LogHandle implements AutoCloseable {
    private final BoundedAsyncAppender async;
    private final Logger root;
    private final Path file;
    private final LongAdder fileLost;

    LogHandle(BoundedAsyncAppender async, Logger root, Path file, LongAdder fileLost) {
        this.async = async;
        this.root = root;
        this.file = file;
        this.fileLost = fileLost;
    }

    /** For a Logback configuration the user supplied: nothing of ours is attached, nothing is counted. */
    static LogHandle unmanaged() {
        return new LogHandle(null, null, null, null);
    }

    /** Log events dropped since the queue was created (full, or not flushed at close); a reload keeps counting. */
    public long droppedEvents() {
        return async == null ? 0 : async.dropped();
    }

    /**
     * Log events not written because they repeated an earlier one within {@link LogSetup#REPEAT_WINDOW}; each such
     * run is summarised by one line. A reload keeps counting.
     */
    public long suppressedEvents() {
        return async == null ? 0 : async.suppressed();
    }

    /**
     * Log events that reached the log file's appender but not the disk (disk full, I/O error); the console still got
     * them. Logback retries the file with a growing back-off. When space returns, the one line in flight at the
     * last failure may still reach the file after being counted here. A reload keeps counting.
     */
    public long fileLostEvents() {
        return fileLost == null ? 0 : fileLost.sum();
    }

    /** The active log file, if the agent writes one (not with a user's Logback configuration). */
    /** The counters the metrics export, read together. */
    public org.watchpost.agent.metrics.AgentMetrics.LogCounts counts() {
        return new org.watchpost.agent.metrics.AgentMetrics.LogCounts(droppedEvents(), fileLostEvents(),
                suppressedEvents());
    }

    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** Writes what is queued (waiting a bounded time) and stops the appenders. Idempotent. */
    @Override
    public void close() {
        if (async == null) {
            return;
        }
        async.stop();
        root.detachAppender(async);
    }

    BoundedAsyncAppender appender() {
        return async;
    }
}
