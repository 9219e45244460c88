package org.watchpost.collector.web;

import java.time.Duration;
import java.util.Objects;
import org.watchpost.config.HostPort;

/**
 * The HTTP server.
 *
 * @param listen      address and port; port 0 takes a free one
 * @param idleTimeout a connection that sends nothing for this long is closed (the request timeout)
 * @param maxThreads  request threads; at most {@link #MAX_CONNECTIONS} connections wait for them
 */
public record ServerSettings(HostPort listen, Duration idleTimeout, int maxThreads) {
    /** Open connections; past it Jetty stops accepting until one closes, and agents retry with backoff. */
    public static final int MAX_CONNECTIONS = 256;

    public ServerSettings {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxThreads < 4) {
            throw new IllegalArgumentException("maxThreads must be at least 4, was " + maxThreads);
        }
    }
}
