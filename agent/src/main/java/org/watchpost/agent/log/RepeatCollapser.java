package org.watchpost.agent.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.watchpost.agent.time.TimeSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Collapses repeated log messages: within a window, the first {@code burst} events of one kind are let through and
 * the rest are counted, then one line at the same level says how many were suppressed, for example
 * {@code suppressed 9997 similar messages in the 10s from 2026-11-28T10:00:00Z: page shows {}}.
 *
 * <p>Events are of one kind when they share logger, level, the {@code target} MDC value and the message template
 * (the pattern with its {@code {}}, not the arguments). An ERROR is keyed on its formatted message and its exception
 * chain instead, so that two different errors are never folded into one summary.
 *
 * <p>The summary of a window is written when the next event of its kind comes after the window, when
 * {@link #sweepIfDue} finds the window over, when the kind is evicted to make room (at most {@code maxKinds} are
 * tracked, least recently seen goes first) and at {@link #close}. Thread-safe; nothing here waits on anything but
 * its own short lock.
 *
 * <pre>{@code
 * RepeatCollapser repeats = new RepeatCollapser(TimeSource.system(), Duration.ofSeconds(10), 3, 1024);
 * BoundedAsyncAppender async = new BoundedAsyncAppender(8192, Duration.ofSeconds(5), repeats);
 * }</pre>
 */
public final class RepeatCollapser {
    /** The target MDC key that the agent sets around each check. */
    static final String TARGET = "target";
    // Keys longer than this are kept as a prefix and a SHA-256 of the whole, so that 1024 kinds stay near 1 MiB
    // however long the messages are, and two messages differing only in their tail still never share a key.
    private static final int MAX_KEY_CHARS = 512;
    private static final int KEY_PREFIX_CHARS = 200;
    // A summary repeats the template; a page of text there would help nobody.
    private static final int MAX_SHOWN_CHARS = 256;
    // Deep enough to tell wrapped errors apart, shallow enough to keep the work per event small.
    private static final int MAX_CAUSES = 8;
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);

    private final TimeSource time;
    private final long windowNanos;
    private final int burst;
    private final int maxKinds;
    private final String windowText;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<String, Kind> kinds;
    private final LongAdder suppressed = new LongAdder();
    private long lastSweepNanos;
    private boolean closed;

    /**
     * @param time     the clock for the windows
     * @param window   how long a kind is watched after its first event
     * @param burst    how many events of a kind are written per window before the rest are suppressed
     * @param maxKinds how many kinds are tracked at once; the least recently seen is summarised and forgotten first
     */
    public RepeatCollapser(TimeSource time, Duration window, int burst, int maxKinds) {
        this.time = Objects.requireNonNull(time, "time");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("repeat window must be positive, not " + window);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("repeat burst must let at least 1 event through, not " + burst);
        }
        if (maxKinds < 1) {
            throw new IllegalArgumentException("repeat table must hold at least 1 kind, not " + maxKinds);
        }
        this.windowNanos = window.toNanos();
        this.burst = burst;
        this.maxKinds = maxKinds;
        this.windowText = window.toMillis() % 1000 == 0 ? window.toSeconds() + "s" : window.toMillis() + "ms";
        this.kinds = new LinkedHashMap<>(16, 0.75f, true);
        this.lastSweepNanos = time.nanoTime();
    }

    /** Events that were counted instead of written, since this was created. */
    public long suppressed() {
        return suppressed.sum();
    }

    /**
     * Decides whether {@code event} is written. Summaries due before it (its own kind's last window, or a kind
     * evicted to make room) are handed to {@code summaries} first, on this thread; it must not block.
     *
     * @return {@code false} if the event was suppressed and counted
     */
    boolean admit(ILoggingEvent event, Consumer<ILoggingEvent> summaries) {
        String key = keyOf(event);
        lock.lock();
        try {
            if (closed) {
                return true;
            }
            long now = time.nanoTime();
            Kind kind = kinds.get(key);
            if (kind != null && now - kind.startNanos >= windowNanos) {
                summarise(kind, summaries);
                kind.restart(now, time.now());
            }
            if (kind == null) {
                if (kinds.size() >= maxKinds) {
                    Iterator<Kind> eldest = kinds.values().iterator();
                    summarise(eldest.next(), summaries);
                    eldest.remove();
                }
                kind = new Kind(event, now, time.now());
                kinds.put(key, kind);
            }
            kind.seen++;
            if (kind.seen <= burst) {
                return true;
            }
            kind.suppressed++;
            kind.lastSuppressed = event;
            suppressed.increment();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Summarises and forgets the kinds whose window is over; does nothing if it last ran under a second ago. */
    void sweepIfDue(Consumer<ILoggingEvent> summaries) {
        lock.lock();
        try {
            long now = time.nanoTime();
            if (closed || now - lastSweepNanos < SWEEP_INTERVAL.toNanos()) {
                return;
            }
            lastSweepNanos = now;
            for (Iterator<Kind> it = kinds.values().iterator(); it.hasNext(); ) {
                Kind kind = it.next();
                if (now - kind.startNanos >= windowNanos) {
                    summarise(kind, summaries);
                    it.remove();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Summarises every pending kind; from then on every event is let through. */
    void close(Consumer<ILoggingEvent> summaries) {
        lock.lock();
        try {
            closed = true;
            for (Kind kind : kinds.values()) {
                summarise(kind, summaries);
            }
            kinds.clear();
        } finally {
            lock.unlock();
        }
    }

    /** Kinds being tracked. */
    int trackedKinds() {
        lock.lock();
        try {
            return kinds.size();
        } finally {
            lock.unlock();
        }
    }

    private void summarise(Kind kind, Consumer<ILoggingEvent> summaries) {
        if (kind.suppressed == 0) {
            return;
        }
        LoggingEvent summary = new LoggingEvent();
        summary.setLoggerContextRemoteView(kind.context);
        summary.setInstant(time.now());
        summary.setLevel(kind.level);
        summary.setLoggerName(kind.logger);
        summary.setThreadName(kind.thread);
        summary.setMessage("suppressed " + kind.suppressed + " similar messages in the " + windowText + " from "
                + kind.startWall.truncatedTo(ChronoUnit.MILLIS) + ": " + kind.shownNow());
        summary.setMDCPropertyMap(kind.target == null ? Map.of() : Map.of(TARGET, kind.target));
        kind.suppressed = 0;
        kind.lastSuppressed = null;
        summaries.accept(summary);
    }

    private static String keyOf(ILoggingEvent event) {
        StringBuilder key = new StringBuilder(128)
                .append(event.getLevel()).append('\u0000')
                .append(event.getLoggerName()).append('\u0000')
                .append(targetOf(event)).append('\u0000')
                .append(textOf(event));
        if (key.length() <= MAX_KEY_CHARS) {
            return key.toString();
        }
        return key.substring(0, KEY_PREFIX_CHARS) + "\u0000" + key.length() + "\u0000" + sha256(key);
    }

    private static String textOf(ILoggingEvent event) {
        if (!event.getLevel().isGreaterOrEqual(Level.ERROR)) {
            return String.valueOf(event.getMessage());
        }
        StringBuilder text = new StringBuilder(String.valueOf(event.getFormattedMessage()));
        IThrowableProxy throwable = event.getThrowableProxy();
        for (int i = 0; throwable != null && i < MAX_CAUSES; i++, throwable = throwable.getCause()) {
            text.append('\u0000').append(throwable.getClassName()).append(": ").append(throwable.getMessage());
        }
        return text.toString();
    }

    private static String targetOf(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        return mdc == null ? null : mdc.get(TARGET);
    }

    private static String sha256(CharSequence text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }

    /** One kind of message and its current window. */
    private static final class Kind {
        final LoggerContextVO context;
        final Level level;
        final String logger;
        final String thread;
        final String target;
        final String shown;
        /** Shown with its real values: a template's {} tells an operator nothing about what was suppressed. */
        ILoggingEvent lastSuppressed;
        long startNanos;
        Instant startWall;
        long seen;
        long suppressed;

        Kind(ILoggingEvent first, long startNanos, Instant startWall) {
            this.context = first.getLoggerContextVO();
            this.level = first.getLevel();
            this.logger = first.getLoggerName();
            this.thread = first.getThreadName();
            this.target = targetOf(first);
            String text = first.getLevel().isGreaterOrEqual(Level.ERROR)
                    ? String.valueOf(first.getFormattedMessage()) : String.valueOf(first.getMessage());
            this.shown = shorten(text);
            this.startNanos = startNanos;
            this.startWall = startWall;
        }

        private static String shorten(String text) {
            if (text.length() <= MAX_SHOWN_CHARS) {
                return text;
            }
            int end = MAX_SHOWN_CHARS;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            return text.substring(0, end) + "…";
        }

        String shownNow() {
            return lastSuppressed == null ? shown : shorten(String.valueOf(lastSuppressed.getFormattedMessage()));
        }

        void restart(long nowNanos, Instant nowWall) {
            startNanos = nowNanos;
            startWall = nowWall;
            seen = 0;
            suppressed = 0;
            lastSuppressed = null;
        }
    }
}
