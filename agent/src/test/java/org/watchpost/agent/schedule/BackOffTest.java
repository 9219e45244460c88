package org.watchpost.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.watchpost.agent.time.FakeTimeSource;

/** A host that answers 429 with Retry-After is left alone until then, all its targets with it; other hosts are not. */
class BackOffTest {
    private final FakeTimeSource clock = new FakeTimeSource();
    private final List<Timetable.Run> held = new ArrayList<>();

    @Test
    void aRateLimitedHostIsNotProbedBeforeItsRetryAfterAndOtherHostsKeepTheirSchedule() {
        Timetable t = new Timetable(clock, r -> held.add((Timetable.Run) r), 8, ScheduleListener.NONE, () -> { });
        Duration interval = Duration.ofSeconds(30);
        t.setTargets(List.of(
                new ScheduledTarget("a-news", "a.example", interval, 1, Duration.ZERO, () -> { }),
                new ScheduledTarget("a-press", "a.example", interval, 1, Duration.ZERO, () -> { }),
                new ScheduledTarget("b-news", "b.example", interval, 1, Duration.ZERO, () -> { })));
        long start = clock.nanoTime();
        long bDue = t.nextDueNanos("b-news").orElseThrow();

        long until = start + Duration.ofSeconds(3600).toNanos();
        assertThat(t.postponeHost("a-news", until)).isEqualTo(2);
        assertThat(t.nextDueNanos("a-news")).hasValue(until);
        assertThat(t.nextDueNanos("a-press")).hasValue(until);
        assertThat(t.nextDueNanos("b-news")).as("another host is not touched").hasValue(bDue);

        // An hour of following the wake-ups: only b is probed, about 120 times; a not once before its hour.
        int bRuns = 0;
        while (clock.nanoTime() - until < 0) {
            t.runDue();
            for (Timetable.Run r : List.copyOf(held)) {
                assertThat(r.targetName()).as("probed before Retry-After").startsWith("b-");
                held.remove(r);
                r.run();
                bRuns++;
            }
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(bRuns).isBetween(119, 121);
        t.runDue();
        assertThat(held).extracting(Timetable.Run::targetName).as("one at a time: per-host concurrency 1")
                .containsAnyOf("a-news", "a-press");
    }

    @ParameterizedTest
    @CsvSource({"3600, 3600", "0, 0", "120, 120"})
    void retryAfterInSeconds(String header, long seconds) {
        assertThat(RetryAfter.parse(header, Instant.EPOCH)).hasValue(Duration.ofSeconds(seconds));
    }

    @Test
    void retryAfterAsAnHttpDateAndGarbage() {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        assertThat(RetryAfter.parse("Fri, 04 Dec 2026 10:05:00 GMT", now)).hasValue(Duration.ofMinutes(5));
        assertThat(RetryAfter.parse("Fri, 04 Dec 2026 09:00:00 GMT", now)).hasValue(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse(null, now)).isEmpty();
    }
}
