package org.watchpost.agent.log;

import ch.qos.logback.classic.Logger;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@link LogSetup#configure} set up: read its drop counter for {@code watchpost_log_events_dropped_total}, and
 * close it on shutdown so that the last lines reach the console and the file.
 *
 * <p>A later {@code configure} (a reload) keeps the same queue and counter and returns a new handle over them; either
 * handle reads the same count, and closing either ends the agent's logging.
 */
public final class LogHandle implements AutoCloseable {
    private final BoundedAsyncAppender async;
    private final Logger root;
    private final Path file;

    LogHandle(BoundedAsyncAppender async, Logger root, Path file) {
        this.async = async;
        this.root = root;
        this.file = file;
    }

    /** For a Logback configuration the user supplied: nothing of ours is attached, nothing is counted. */
    static LogHandle unmanaged() {
        return new LogHandle(null, null, null);
    }

    /** Log events dropped since the queue was created (full, or not flushed at close); a reload keeps counting. */
    public long droppedEvents() {
        return async == null ? 0 : async.dropped();
    }

    /** The active log file, if the agent writes one (not with a user's Logback configuration). */
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
