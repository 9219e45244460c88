package org.watchpost.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Page bytes scanned, as two JMH secondary results next to the primary one in pages per second. Both are shown in
 * JMH's {@code ops/s} unit; read them as:
 * <ul>
 *   <li>{@code :megabytes}: MB/s (10^6 bytes per second of wall-clock time);</li>
 *   <li>{@code :cpuMegabytes}: MB per second of the benchmark thread's own CPU time.</li>
 * </ul>
 * On a shared machine the wall-clock rate falls whenever other processes take the core; the rate per CPU-second
 * stays close to what an uncontended core does (it still pays for caches the other processes evict). The goal,
 * "1 GB/s per core", is a rate per CPU-second.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class PageBytes {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public double megabytes;
    /**
     * Set when the iteration ends, scaled so that JMH's division by the iteration's wall-clock time leaves megabytes
     * per CPU-second.
     */
    public double cpuMegabytes;

    private long wallStart;
    private long cpuStart;

    @Setup(Level.Iteration)
    public void start() {
        megabytes = 0;
        cpuMegabytes = 0;
        wallStart = System.nanoTime();
        cpuStart = THREADS.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void stop() {
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
        long wall = System.nanoTime() - wallStart;
        cpuMegabytes = cpu <= 0 ? 0 : megabytes * wall / cpu;
    }

    void add(int bytes) {
        megabytes += bytes / 1e6;
    }
}
