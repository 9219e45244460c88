package org.watchpost.agent.config;

import java.nio.file.Path;
import org.watchpost.agent.detect.Expect;
import java.time.Duration;
import java.util.Objects;

/**
 * How one target is probed. The {@code defaults:} section fills every field; a target overrides any of them.
 *
 * @param interval           time between probes (default 60s)
 * @param timeout            whole-probe limit, redirects and body included; must be shorter than the interval (default 10s)
 * @param failureThreshold   consecutive failing probes that turn the target down (default 2)
 * @param successThreshold   consecutive good probes that bring it back up (default 2)
 * @param maxBodyBytes       read at most this much of a page, after decompression; a longer page is not a failure (default 2MiB)
 * @param perHostConcurrency probes to one host at once (default 1)
 * @param perHostMinSpacing  least time between the starts of two probes to one host (default 200ms)
 * @param maxRedirects       redirects followed before giving up (default 5)
 * @param expect             what the page must look like
 * @param tlsCaFile          PEM certificates of a private CA whose certificates this target's server may present,
 *                           trusted besides the system's roots; null for the system's roots only
 */
public record ProbeSettings(
        Duration interval,
        Duration timeout,
        int failureThreshold,
        int successThreshold,
        long maxBodyBytes,
        int perHostConcurrency,
        Duration perHostMinSpacing,
        int maxRedirects,
        Expect expect,
        Path tlsCaFile) {

    public static final ProbeSettings DEFAULTS = new ProbeSettings(
            Duration.ofSeconds(60), Duration.ofSeconds(10), 2, 2, 2L << 20, 1, Duration.ofMillis(200), 5,
            Expect.DEFAULT, null);

    public ProbeSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(perHostMinSpacing, "perHostMinSpacing");
        Objects.requireNonNull(expect, "expect");
    }

    /** Without a private CA. */
    public ProbeSettings(Duration interval, Duration timeout, int failureThreshold, int successThreshold,
                         long maxBodyBytes, int perHostConcurrency, Duration perHostMinSpacing, int maxRedirects,
                         Expect expect) {
        this(interval, timeout, failureThreshold, successThreshold, maxBodyBytes, perHostConcurrency,
                perHostMinSpacing, maxRedirects, expect, null);
    }
}
