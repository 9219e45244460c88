package org.watchpost.collector.web;

import java.time.Duration;
import java.util.Objects;
import org.watchpost.config.HostPort;

/**
 * The HTTP server.
 *
 * @param listen      address and port; port 0 takes a free one
 * @param idleTimeout a connection that sends nothing for this long is closed (the request timeout)
 * @param maxThreads  request threads; requests beyond them wait in a queue of {@link #QUEUE_CAPACITY}
 */
public record ServerSettings(HostPort listen, Duration idleTimeout, int maxThreads) {
    /** Requests waiting for a thread; past it Jetty refuses new work, which agents retry with backoff. */
    public static final int QUEUE_CAPACITY = 256;

    public ServerSettings {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxThreads < 4) {
            throw new IllegalArgumentException("maxThreads must be at least 4, was " + maxThreads);
        }
    }
}
