package org.watchpost.collector.fleettest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand. Thread-safe: the dispatcher's thread may read it while a test advances it. */
public final class FakeClock extends Clock {
    private volatile Instant now;
    /** For e2e tests against real servers: real time plus whatever the test advanced. */
    private final boolean following;
    private volatile Duration offset = Duration.ZERO;

    public FakeClock(Instant start) {
        this.now = start;
        this.following = false;
    }

    private FakeClock() {
        this.following = true;
    }

    /** A clock that runs with real time (Alertmanager judges endsAt by its own clock) and can still be advanced. */
    public static FakeClock following() {
        return new FakeClock();
    }

    public void advance(Duration d) {
        if (following) {
            offset = offset.plus(d);
        } else {
            now = now.plus(d);
        }
    }

    public void set(Instant t) {
        if (following) {
            throw new IllegalStateException("a following clock cannot be set");
        }
        now = t;
    }

    @Override
    public Instant instant() {
        return following ? Instant.now().plus(offset) : now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
