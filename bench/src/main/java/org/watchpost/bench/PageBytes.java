package org.watchpost.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Megabytes (10^6 bytes) of page scanned, as a JMH secondary result: with the benchmarks' output unit of seconds,
 * the row {@code :megabytes} reads directly in MB/s, next to the primary result in pages per second ({@code ops/s}).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class PageBytes {
    public double megabytes;

    @Setup(Level.Iteration)
    public void reset() {
        megabytes = 0;
    }

    void add(int bytes) {
        megabytes += bytes / 1e6;
    }
}
