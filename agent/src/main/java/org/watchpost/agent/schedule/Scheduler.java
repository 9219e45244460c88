package org.watchpost.agent.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchpost.agent.time.TimeSource;

/**
 * Runs each target's probe at its interval on a fixed pool of worker threads, with a stable jitter, a global
 * concurrency cap, per-host concurrency and spacing, and no stacking of a probe that is still running or waiting.
 *
 * <pre>{@code
 * Scheduler scheduler = new Scheduler(TimeSource.system(), 32, metrics);
 * scheduler.setTargets(targets);   // again on every config reload
 * scheduler.start();
 * ...
 * scheduler.shutdown(Duration.ofSeconds(10));
 * }</pre>
 *
 * <p>One thread, {@code watchpost-scheduler}, sleeps until the next due time (or until a probe finishes or the
 * targets change) and then lets {@link Timetable} decide what starts; {@code maxConcurrency} daemon threads named
 * {@code watchpost-probe-N} run the probes. Thread-safe.
 */
public final class Scheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    /** What {@link #close()} waits for running probes: the default probe timeout, so a well-behaved probe ends. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    /** After an unexpected failure of the scheduling loop, wait this long before trying again instead of spinning. */
    private static final long LOOP_FAILURE_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final TimeSource time;
    private final ThreadPoolExecutor workers;
    private final Timetable timetable;
    private final Thread driver;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean woken;
    private boolean started;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param maxConcurrency probes running at once across all targets; also the number of worker threads
     * @param listener       receives skips, starts with their lag, and run times (the agent's metrics)
     */
    public Scheduler(TimeSource time, int maxConcurrency, ScheduleListener listener) {
        this.time = Objects.requireNonNull(time, "time");
        Objects.requireNonNull(listener, "listener");
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, was " + maxConcurrency);
        }
        AtomicInteger workerNumber = new AtomicInteger();
        // The timetable never hands over more than maxConcurrency probes at once; the queue only absorbs the moment
        // between a probe reporting itself finished and its worker thread becoming free.
        this.workers = new ThreadPoolExecutor(maxConcurrency, maxConcurrency, 0, TimeUnit.NANOSECONDS,
                new ArrayBlockingQueue<>(maxConcurrency), r -> {
                    Thread t = new Thread(r, "watchpost-probe-" + workerNumber.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.timetable = new Timetable(time, workers, maxConcurrency, listener, this::wake);
        this.driver = new Thread(this::drive, "watchpost-scheduler");
        this.driver.setDaemon(true);
    }

    /**
     * Sets the targets, at start and on every reload; safe while running. Targets whose name and interval are
     * unchanged keep their phase; new ones get their jittered first run; removed ones stop being scheduled while a
     * probe of theirs already running finishes normally.
     *
     * @throws IllegalArgumentException if two targets share a name
     */
    public void setTargets(List<ScheduledTarget> targets) {
        timetable.setTargets(List.copyOf(targets));
    }

    /** Starts the scheduler thread. @throws IllegalStateException if already started or closed */
    public void start() {
        lock.lock();
        try {
            if (closed.get()) {
                throw new IllegalStateException("the scheduler is closed and cannot be started again");
            }
            if (started) {
                throw new IllegalStateException("the scheduler is already started");
            }
            started = true;
        } finally {
            lock.unlock();
        }
        driver.start();
    }

    /** Probes running right now. */
    public int running() {
        return timetable.running();
    }

    /** Due probes waiting for a slot (global cap, per-host concurrency or spacing); at most one per target. */
    public int queued() {
        return timetable.queued();
    }

    /** The target's next slot on {@link TimeSource#nanoTime()}'s scale; empty if no such target is scheduled. */
    public OptionalLong nextDueNanos(String target) {
        return timetable.nextDueNanos(target);
    }

    /** The target's next slot as a wall-clock instant, for the API; empty if no such target is scheduled. */
    public Optional<Instant> nextDueAt(String target) {
        OptionalLong due = timetable.nextDueNanos(target);
        if (due.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(time.now().plusNanos(due.getAsLong() - time.nanoTime()));
    }

    /** The longest a server's Retry-After is honoured: a rate limit must not silence a target for a day. */
    public static final Duration MAX_BACK_OFF = Duration.ofHours(1);

    /**
     * Backs off from the host of {@code target} for {@code delay} (at most {@link #MAX_BACK_OFF}): no probe of it
     * starts before then. Returns how many targets of the host were postponed.
     */
    public int backOff(String target, Duration delay) {
        Duration d = delay.compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : delay.isNegative() ? Duration.ZERO : delay;
        return timetable.postponeHost(target, time.nanoTime() + d.toNanos());
    }

    /** Probes that threw instead of returning a result (each is logged once at WARN with its target). */
    public long probeFailures() {
        return timetable.probeFailures();
    }

    /** {@link #shutdown(Duration)} with {@link #DEFAULT_GRACE}. */
    @Override
    public void close() {
        shutdown(DEFAULT_GRACE);
    }

    /**
     * Stops starting probes, waits up to {@code grace} for running ones, then interrupts the workers. Idempotent:
     * later calls return at once.
     *
     * @return true if every probe had finished when this returned
     */
    public boolean shutdown(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        if (!closed.compareAndSet(false, true)) {
            return workers.isTerminated();
        }
        timetable.stop();
        wake();
        workers.shutdown();
        boolean finished;
        try {
            finished = workers.awaitTermination(Math.max(0, grace.toNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            int stuck = timetable.running();
            workers.shutdownNow();
            LOG.warn("{} probe(s) still running {} after shutdown began; interrupting them", stuck, grace);
        }
        if (driver.isAlive() && Thread.currentThread() != driver) {
            try {
                // The driver only has to notice the flag; it holds no probe, so this is short.
                driver.join(TimeUnit.SECONDS.toMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return finished;
    }

    private void wake() {
        lock.lock();
        try {
            woken = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void drive() {
        while (true) {
            lock.lock();
            try {
                if (closed.get()) {
                    return;
                }
                // Cleared before runDue, so a wake that arrives while it works makes the next wait return at once.
                woken = false;
            } finally {
                lock.unlock();
            }
            long delay;
            try {
                delay = timetable.runDue();
            } catch (RuntimeException e) {
                LOG.error("The probe scheduler failed; retrying in 1s", e);
                delay = LOOP_FAILURE_BACKOFF_NANOS;
            }
            if (!awaitChange(delay)) {
                return;
            }
        }
    }

    /** @return false if the driver should exit (closed or interrupted) */
    private boolean awaitChange(long delay) {
        lock.lock();
        try {
            long deadline = time.nanoTime() + (delay == Timetable.NOTHING_DUE ? 0 : delay);
            while (!woken && !closed.get()) {
                if (delay == Timetable.NOTHING_DUE) {
                    changed.await();
                } else {
                    long left = deadline - time.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    changed.awaitNanos(left);
                }
            }
            return !closed.get();
        } catch (InterruptedException e) {
            if (!closed.get()) {
                LOG.warn("The probe scheduler thread was interrupted; no further probes will start");
            }
            return false;
        } finally {
            lock.unlock();
        }
    }
}
