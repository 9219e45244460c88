package org.watchpost.agent.schedule;

import java.time.Duration;
import java.util.Objects;

/**
 * What the scheduler needs to know about one target.
 *
 * @param name               unique target name
 * @param hostKey            targets with the same key share the per-host limits (see TargetConfig#hostKey)
 * @param interval           time between probe starts
 * @param perHostConcurrency probes to this host at once; when targets of one host disagree the smallest wins
 * @param perHostMinSpacing  least time between two probe starts on this host; when targets disagree the largest wins
 * @param probe              runs one probe to completion on a worker thread; must not throw (it is caught and
 *                           logged if it does, but that is a bug)
 */
public record ScheduledTarget(String name, String hostKey, Duration interval, int perHostConcurrency,
                              Duration perHostMinSpacing, Runnable probe) {
    public ScheduledTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hostKey, "hostKey");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(perHostMinSpacing, "perHostMinSpacing");
        Objects.requireNonNull(probe, "probe");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        if (perHostConcurrency < 1) {
            throw new IllegalArgumentException("perHostConcurrency must be at least 1, was " + perHostConcurrency);
        }
    }
}
