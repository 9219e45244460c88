package org.watchpost.agent.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Hands log events to its attached appenders on one daemon thread, so that a caller never waits for a disk or a pipe.
 *
 * <p>The queue holds {@code capacity} events. When it is full the new event is dropped and counted in
 * {@link #dropped()}, whatever its level: unlike Logback's {@code AsyncAppender}, nothing is discarded early and
 * nothing is discarded silently.
 *
 * <p>With a {@link RepeatCollapser}, repeats are weeded out before the queue, so that a flood of one message neither
 * fills the queue nor crowds out other messages: suppressed events are counted in {@link #suppressed()}, and their
 * summary lines go through the queue like any event (and are counted in {@link #dropped()} if it is full).
 *
 * <pre>{@code
 * BoundedAsyncAppender async = new BoundedAsyncAppender(8192, Duration.ofSeconds(5), repeats);
 * async.setContext(context); async.addAppender(console); async.start();
 * }</pre>
 */
public final class BoundedAsyncAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
        implements AppenderAttachable<ILoggingEvent> {
    // How long the idle worker waits for an event before it looks for repeat windows that have ended.
    private static final long SWEEP_WAIT_MILLIS = 1000;

    private final int capacity;
    private final Duration flushTimeout;
    private final RepeatCollapser repeats;
    // One instance, rather than a new method reference on every event.
    private final Consumer<ILoggingEvent> enqueue = this::enqueue;
    private final ArrayBlockingQueue<ILoggingEvent> queue;
    private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();
    private final LongAdder dropped = new LongAdder();
    // Held by the worker while it delivers one event, so that appenders can be swapped between two events.
    private final ReentrantLock deliveryLock = new ReentrantLock();
    // Queued by stop() behind the last event, to wake the worker so that it can exit.
    private final ILoggingEvent endOfStream = new LoggingEvent();
    private Thread worker;

    /**
     * Writes every event it can queue, repeated or not.
     *
     * @param capacity     how many events may wait for the worker; more are dropped and counted
     * @param flushTimeout how long {@link #stop()} waits for queued events to be written before it gives up on them
     */
    public BoundedAsyncAppender(int capacity, Duration flushTimeout) {
        this(capacity, flushTimeout, null);
    }

    /**
     * @param capacity     how many events may wait for the worker; more are dropped and counted
     * @param flushTimeout how long {@link #stop()} waits for queued events to be written before it gives up on them
     * @param repeats      decides which repeated events are suppressed; {@code null} writes every one
     */
    public BoundedAsyncAppender(int capacity, Duration flushTimeout, RepeatCollapser repeats) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, not " + capacity);
        }
        if (flushTimeout.isNegative()) {
            throw new IllegalArgumentException("flush timeout must not be negative: " + flushTimeout);
        }
        this.capacity = capacity;
        this.flushTimeout = flushTimeout;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.repeats = repeats;
    }

    public int capacity() {
        return capacity;
    }

    /** Events that were not written because the queue was full, or still queued when {@link #stop()} gave up. */
    public long dropped() {
        return dropped.sum();
    }

    /** Events counted instead of written because they repeated an earlier one; 0 without a collapser. */
    public long suppressed() {
        return repeats == null ? 0 : repeats.suppressed();
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        if (!appenders.iteratorForAppenders().hasNext()) {
            addWarn("no appender is attached to [" + getName() + "]; its events go nowhere until one is");
        }
        super.start();
        worker = new Thread(this::deliverUntilStopped, "watchpost-log-writer[" + getContext().getName() + "]");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (repeats != null && !repeats.admit(event, enqueue)) {
            return;
        }
        // The worker formats the event later: freeze what could change by then (arguments, thread name, MDC).
        event.prepareForDeferredProcessing();
        enqueue(event);
    }

    private void enqueue(ILoggingEvent event) {
        if (!queue.offer(event)) {
            dropped.increment();
        }
    }

    private void deliverUntilStopped() {
        while (true) {
            if (!isStarted() && queue.isEmpty()) {
                return;
            }
            ILoggingEvent event;
            try {
                // Cannot wait forever after stop(): either the end marker got in, or the queue was full and
                // the check above ends the loop once the worker has emptied it.
                event = repeats == null ? queue.take() : queue.poll(SWEEP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // Nobody is meant to interrupt this thread; stop() ends it through the queue.
                continue;
            }
            if (event == endOfStream) {
                return;
            }
            if (repeats != null) {
                // Here rather than on a timer thread: a flood that stopped gets its summary within a second or so.
                repeats.sweepIfDue(enqueue);
            }
            if (event != null) {
                deliver(event);
            }
        }
    }

    private void deliver(ILoggingEvent event) {
        deliveryLock.lock();
        try {
            appenders.appendLoopOnAppenders(event);
        } catch (RuntimeException e) {
            // Each attached appender already catches its own failures; this is a filter or a bug, and the
            // worker must survive it or every later event would be dropped.
            addError("could not deliver a log event", e);
        } finally {
            deliveryLock.unlock();
        }
    }

    /**
     * Stops taking events, queues the summaries of repeats still pending, writes what is queued (waiting at most
     * the flush timeout), then stops the attached appenders. If the appenders are stuck, the events still queued are
     * counted as dropped and the appenders are left alone: stopping one that is blocked in a write would block the
     * caller too.
     */
    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        if (repeats != null) {
            repeats.close(enqueue);
        }
        queue.offer(endOfStream);
        boolean finished = awaitWorker();
        List<ILoggingEvent> stranded = new ArrayList<>();
        queue.drainTo(stranded);
        long lost = stranded.stream().filter(e -> e != endOfStream).count();
        dropped.add(lost);
        if (finished) {
            appenders.detachAndStopAllAppenders();
        } else {
            addWarn("log writer did not finish within " + flushTimeout + "; " + lost
                    + " queued events were dropped and its appenders left running");
        }
    }

    private boolean awaitWorker() {
        try {
            worker.join(Math.max(1, flushTimeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !worker.isAlive();
    }

    /**
     * Replaces the attached appenders between two events: the old ones are stopped first, then the new ones are
     * started. Events logged meanwhile wait in the queue, so a reload neither loses nor duplicates lines, and a new
     * file appender never writes the file while the old one still holds it. Events still queued when this is called
     * are written by the new appenders.
     *
     * @param replacements appenders, not yet started
     */
    public void replaceAppenders(List<? extends Appender<ILoggingEvent>> replacements) {
        deliveryLock.lock();
        try {
            appenders.detachAndStopAllAppenders();
            for (Appender<ILoggingEvent> appender : replacements) {
                appender.start();
                appenders.addAppender(appender);
            }
        } finally {
            deliveryLock.unlock();
        }
    }

    /** Events waiting for the worker. */
    int queued() {
        return queue.size();
    }

    /** Whether the worker thread is alive; it ends after {@link #stop()}. */
    boolean workerAlive() {
        Thread w = worker;
        return w != null && w.isAlive();
    }

    @Override
    public void addAppender(Appender<ILoggingEvent> newAppender) {
        appenders.addAppender(newAppender);
    }

    @Override
    public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
        return appenders.iteratorForAppenders();
    }

    @Override
    public Appender<ILoggingEvent> getAppender(String name) {
        return appenders.getAppender(name);
    }

    @Override
    public boolean isAttached(Appender<ILoggingEvent> appender) {
        return appenders.isAttached(appender);
    }

    @Override
    public void detachAndStopAllAppenders() {
        appenders.detachAndStopAllAppenders();
    }

    @Override
    public boolean detachAppender(Appender<ILoggingEvent> appender) {
        return appenders.detachAppender(appender);
    }

    @Override
    public boolean detachAppender(String name) {
        return appenders.detachAppender(name);
    }
}
