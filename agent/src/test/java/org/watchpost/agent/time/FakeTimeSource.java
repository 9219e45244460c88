package org.watchpost.agent.time;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test says so. Thread-safe: code under test may read it from its own threads. */
public final class FakeTimeSource implements TimeSource {
    private final Instant epoch;
    private final AtomicLong nanos = new AtomicLong();

    public FakeTimeSource() {
        this(Instant.parse("2026-11-28T10:00:00Z"));
    }

    public FakeTimeSource(Instant start) {
        this.epoch = start;
    }

    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("time does not go backwards: " + d);
        }
        nanos.addAndGet(d.toNanos());
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public Instant now() {
        return epoch.plusNanos(nanos.get());
    }
}
