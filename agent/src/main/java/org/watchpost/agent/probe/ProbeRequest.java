package org.watchpost.agent.probe;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What to fetch and within which limits.
 *
 * @param url          absolute http(s) URL
 * @param timeout      limit for the whole probe: every redirect hop and the body
 * @param maxBodyBytes read at most this many bytes of the final body, after decompression
 * @param maxRedirects redirects followed before the probe gives up
 * @param tlsCaFile    PEM certificates of a private CA trusted besides the system's roots, or null
 */
public record ProbeRequest(URI url, Duration timeout, long maxBodyBytes, int maxRedirects, Path tlsCaFile) {
    public ProbeRequest(URI url, Duration timeout, long maxBodyBytes, int maxRedirects) {
        this(url, timeout, maxBodyBytes, maxRedirects, null);
    }

    public ProbeRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must not be negative, was " + maxBodyBytes);
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must not be negative, was " + maxRedirects);
        }
    }
}
