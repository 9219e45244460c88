package org.watchpost.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.watchpost.agent.time.FakeTimeSource;

/**
 * Drives the scheduler's decisions with a fake clock and a dispatcher that holds every started probe "running"
 * until the test completes it. No threads, no waiting.
 */
class TimetableTest {
    private static final Duration S10 = Duration.ofSeconds(10);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final FakeTimeSource clock = new FakeTimeSource();
    private final List<Timetable.Run> held = new ArrayList<>();
    private final Recorder events = new Recorder();
    private final Map<String, Integer> probeRuns = new HashMap<>();

    private Timetable timetable(int maxConcurrency) {
        return timetable(maxConcurrency, r -> held.add((Timetable.Run) r));
    }

    private Timetable timetable(int maxConcurrency, Executor dispatcher) {
        return new Timetable(clock, dispatcher, maxConcurrency, events, () -> { });
    }

    private ScheduledTarget target(String name, String host, Duration interval) {
        return target(name, host, interval, 1, Duration.ZERO);
    }

    private ScheduledTarget target(String name, String host, Duration interval, int perHost, Duration spacing) {
        return new ScheduledTarget(name, host, interval, perHost, spacing, () -> probeRuns.merge(name, 1, Integer::sum));
    }

    private void advanceTo(long nanos) {
        clock.advance(Duration.ofNanos(nanos - clock.nanoTime()));
    }

    private long due(Timetable t, String name) {
        return t.nextDueNanos(name).orElseThrow();
    }

    /** Completes the held probe of {@code name}, as if it had just returned. */
    private void complete(String name) {
        Timetable.Run run = held.stream().filter(r -> r.targetName().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no running probe of " + name + "; running: " + held));
        held.remove(run);
        run.run();
    }

    private List<String> heldNames() {
        return held.stream().map(Timetable.Run::targetName).collect(Collectors.toList());
    }

    /** Follows the timetable's own wake-ups (as the driver would) until the condition holds. */
    private void runUntil(Timetable t, BooleanSupplier done) {
        for (int i = 0; i < 1000 && !done.getAsBoolean(); i++) {
            long delay = t.runDue();
            if (done.getAsBoolean()) {
                return;
            }
            assertThat(delay).as("a wake-up must be scheduled while waiting").isNotEqualTo(Timetable.NOTHING_DUE);
            clock.advance(Duration.ofNanos(delay));
        }
        assertThat(done.getAsBoolean()).as("condition reached by following wake-ups").isTrue();
    }

    /** Names ordered by when they first come due for the given interval, so a test can give roles by due order. */
    private static List<String> byFirstDue(Duration interval, String... names) {
        return Arrays.stream(names)
                .sorted(Comparator.comparingLong(n -> Timetable.jitterNanos(n, interval.toNanos())))
                .collect(Collectors.toList());
    }

    @Test
    void firstRunOffsetIsStableForANameAcrossRestarts() {
        Timetable first = timetable(4);
        first.setTargets(List.of(target("unicri-news", "unicri.org:443", MINUTE)));
        long offset = due(first, "unicri-news") - clock.nanoTime();

        clock.advance(Duration.ofSeconds(1234));
        Timetable afterRestart = timetable(4);
        afterRestart.setTargets(List.of(target("unicri-news", "unicri.org:443", MINUTE)));

        assertThat(due(afterRestart, "unicri-news") - clock.nanoTime()).isEqualTo(offset);
        assertThat(offset).isBetween(0L, MINUTE.toNanos() - 1);
    }

    @Test
    void hundredSimilarNamesSpreadOverTheInterval() {
        Timetable t = timetable(4);
        List<ScheduledTarget> targets = IntStream.range(0, 100)
                .mapToObj(i -> target(String.format("page-%02d", i), "example.org:443", MINUTE))
                .collect(Collectors.toList());
        t.setTargets(targets);

        int[] buckets = new int[30];
        for (ScheduledTarget target : targets) {
            long offset = due(t, target.name()) - clock.nanoTime();
            buckets[(int) (offset / Duration.ofSeconds(2).toNanos())]++;
        }
        // 3.3 per two-second bucket on average; a poor hash (String.hashCode) puts all 100 into one bucket.
        assertThat(IntStream.of(buckets).max().orElseThrow()).isLessThanOrEqualTo(10);
        assertThat(IntStream.of(buckets).filter(b -> b == 0).count()).isLessThanOrEqualTo(10);
    }

    @Test
    void probesStartAtExactlyTheirIntervalWithZeroLag() {
        Timetable t = timetable(4);
        t.setTargets(List.of(target("a", "h:443", S10)));
        long first = due(t, "a");
        List<Long> starts = new ArrayList<>();

        for (int i = 0; i < 4; i++) {
            long delay = t.runDue();
            clock.advance(Duration.ofNanos(delay));
            assertThat(t.runDue()).isEqualTo(S10.toNanos());
            starts.add(clock.nanoTime());
            clock.advance(Duration.ofSeconds(1));
            complete("a");
        }

        assertThat(starts).containsExactly(first, first + S10.toNanos(), first + 2 * S10.toNanos(),
                first + 3 * S10.toNanos());
        assertThat(events.started).extracting(Started::lagNanos).containsOnly(0L);
        assertThat(events.finished).extracting(Finished::runNanos).containsOnly(Duration.ofSeconds(1).toNanos());
        assertThat(probeRuns).containsEntry("a", 4);
    }

    @Test
    void aProbeStillRunningIsSkippedNotStacked() {
        Timetable t = timetable(4);
        t.setTargets(List.of(target("slow", "h:443", S10)));
        long first = due(t, "slow");
        advanceTo(first);
        t.runDue();

        for (int i = 1; i <= 3; i++) {
            advanceTo(first + i * S10.toNanos());
            t.runDue();
            assertThat(heldNames()).containsExactly("slow");
        }
        assertThat(events.skipped).containsExactly(new Skipped("slow", SkipReason.STILL_RUNNING),
                new Skipped("slow", SkipReason.STILL_RUNNING), new Skipped("slow", SkipReason.STILL_RUNNING));

        clock.advance(Duration.ofSeconds(2));
        complete("slow");
        long delay = t.runDue();
        assertThat(held).as("finishing does not fire the skipped runs").isEmpty();
        assertThat(delay).isEqualTo(first + 4 * S10.toNanos() - clock.nanoTime());
        clock.advance(Duration.ofNanos(delay));
        t.runDue();
        assertThat(heldNames()).containsExactly("slow");
        assertThat(events.started).extracting(Started::lagNanos).containsOnly(0L);
    }

    @Test
    void globalCapHoldsBackTheYoungestAndStartsItWhenASlotFrees() {
        Timetable t = timetable(2);
        List<String> names = byFirstDue(MINUTE, "alpha", "bravo", "charlie");
        t.setTargets(List.of(target(names.get(0), "h0:443", MINUTE), target(names.get(1), "h1:443", MINUTE),
                target(names.get(2), "h2:443", MINUTE)));
        long youngestDue = due(t, names.get(2));
        advanceTo(youngestDue);

        t.runDue();
        assertThat(heldNames()).containsExactlyInAnyOrder(names.get(0), names.get(1));
        assertThat(t.running()).isEqualTo(2);
        assertThat(t.queued()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(3));
        t.runDue();
        assertThat(held).as("no slot yet").hasSize(2);
        complete(names.get(0));
        t.runDue();

        assertThat(heldNames()).containsExactlyInAnyOrder(names.get(1), names.get(2));
        assertThat(t.queued()).isZero();
        assertThat(events.started).contains(new Started(names.get(2), Duration.ofSeconds(3).toNanos()));
    }

    @Test
    void perHostConcurrencyOneSerialisesAHostWhileAnotherHostProceeds() {
        Timetable t = timetable(10);
        // The two probes of the busy host come due before the other host's, so a FIFO queue would block it.
        List<String> names = byFirstDue(MINUTE, "alpha", "bravo", "charlie");
        String busyFirst = names.get(0);
        String busySecond = names.get(1);
        String other = names.get(2);
        t.setTargets(List.of(target(busyFirst, "busy:443", MINUTE), target(busySecond, "busy:443", MINUTE),
                target(other, "other:443", MINUTE)));
        advanceTo(due(t, other));

        t.runDue();
        assertThat(heldNames()).containsExactlyInAnyOrder(busyFirst, other);
        assertThat(t.queued()).isEqualTo(1);

        complete(other);
        t.runDue();
        assertThat(heldNames()).as("the busy host still has a probe running").containsExactly(busyFirst);

        complete(busyFirst);
        t.runDue();
        assertThat(heldNames()).containsExactly(busySecond);
    }

    @Test
    void perHostMinSpacingDelaysTheSecondStartBySpacing() {
        Timetable t = timetable(10);
        Duration spacing = Duration.ofSeconds(5);
        List<String> names = byFirstDue(MINUTE, "alpha", "bravo");
        t.setTargets(List.of(target(names.get(0), "h:443", MINUTE, 2, spacing),
                target(names.get(1), "h:443", MINUTE, 2, spacing)));
        long secondDue = due(t, names.get(1));
        advanceTo(secondDue);

        long delay = t.runDue();
        assertThat(heldNames()).containsExactly(names.get(0));
        long firstStart = clock.nanoTime();
        complete(names.get(0));
        assertThat(delay).isLessThanOrEqualTo(spacing.toNanos());

        runUntil(t, () -> held.size() == 1);
        assertThat(heldNames()).containsExactly(names.get(1));
        assertThat(clock.nanoTime() - firstStart).isEqualTo(spacing.toNanos());
        assertThat(events.started).contains(new Started(names.get(1), clock.nanoTime() - secondDue));
    }

    @Test
    void whenTargetsOfOneHostDisagreeTheSmallestConcurrencyWins() {
        Timetable t = timetable(10);
        List<String> names = byFirstDue(MINUTE, "alpha", "bravo");
        t.setTargets(List.of(target(names.get(0), "h:443", MINUTE, 3, Duration.ZERO),
                target(names.get(1), "h:443", MINUTE, 1, Duration.ZERO)));
        advanceTo(due(t, names.get(1)));

        t.runDue();
        assertThat(heldNames()).containsExactly(names.get(0));
        clock.advance(Duration.ofSeconds(30));
        t.runDue();
        assertThat(heldNames()).as("concurrency 1 wins over 3").containsExactly(names.get(0));

        complete(names.get(0));
        t.runDue();
        assertThat(heldNames()).containsExactly(names.get(1));
    }

    @Test
    void whenTargetsOfOneHostDisagreeTheLargestSpacingWins() {
        Timetable t = timetable(10);
        List<String> names = byFirstDue(MINUTE, "alpha", "bravo");
        t.setTargets(List.of(target(names.get(0), "h:443", MINUTE, 3, Duration.ofSeconds(4)),
                target(names.get(1), "h:443", MINUTE, 3, Duration.ZERO)));
        advanceTo(due(t, names.get(1)));

        t.runDue();
        long firstStart = clock.nanoTime();
        complete(names.get(0));
        runUntil(t, () -> held.size() == 1);

        assertThat(heldNames()).containsExactly(names.get(1));
        assertThat(clock.nanoTime() - firstStart).isEqualTo(Duration.ofSeconds(4).toNanos());
    }

    @Test
    void lagIsStartTimeMinusDueTime() {
        Timetable t = timetable(4);
        t.setTargets(List.of(target("a", "h:443", S10)));
        advanceTo(due(t, "a") + Duration.ofMillis(2500).toNanos());

        t.runDue();

        assertThat(events.started).containsExactly(new Started("a", Duration.ofMillis(2500).toNanos()));
    }

    @Test
    void aQueuedProbeWhoseNextRunComesDueIsSkippedAsStillQueued() {
        Timetable t = timetable(1);
        List<String> names = byFirstDue(S10, "alpha", "bravo");
        String runner = names.get(0);
        String waiter = names.get(1);
        t.setTargets(List.of(target(runner, "h0:443", S10), target(waiter, "h1:443", S10)));
        long waiterDue = due(t, waiter);
        advanceTo(waiterDue);
        t.runDue();
        assertThat(heldNames()).containsExactly(runner);

        advanceTo(waiterDue + S10.toNanos());
        t.runDue();

        assertThat(events.skipped).contains(new Skipped(waiter, SkipReason.STILL_QUEUED),
                new Skipped(runner, SkipReason.STILL_RUNNING));
        assertThat(t.queued()).as("one pending entry per target").isEqualTo(1);

        complete(runner);
        t.runDue();
        assertThat(heldNames()).containsExactly(waiter);
        assertThat(events.started).contains(new Started(waiter, S10.toNanos()));
    }

    @Test
    void reloadKeepsPhaseOfUnchangedTargetsDropsRemovedAndAddsNew() {
        Timetable t = timetable(4, Runnable::run);
        t.setTargets(List.of(target("kept", "h:443", MINUTE), target("removed", "h2:443", MINUTE),
                target("retimed", "h3:443", MINUTE)));
        long keptDue = due(t, "kept");

        clock.advance(Duration.ofSeconds(7));
        t.setTargets(List.of(target("kept", "moved:443", MINUTE), target("retimed", "h3:443", S10),
                target("added", "h4:443", MINUTE)));

        assertThat(due(t, "kept")).isEqualTo(keptDue);
        assertThat(t.nextDueNanos("removed")).isEmpty();
        assertThat(due(t, "added")).isEqualTo(clock.nanoTime() + Timetable.jitterNanos("added", MINUTE.toNanos()));
        assertThat(due(t, "retimed")).isEqualTo(clock.nanoTime() + Timetable.jitterNanos("retimed", S10.toNanos()));

        runUntil(t, () -> startsOf("kept") >= 3 && startsOf("retimed") >= 3 && startsOf("added") >= 3);
        assertThat(startsOf("removed")).isZero();
        assertThat(probeRuns).doesNotContainKey("removed");
    }

    private long startsOf(String name) {
        return events.started.stream().filter(s -> s.target().equals(name)).count();
    }

    @Test
    void aRemovedTargetsRunningProbeFinishesAndAReAddDoesNotStackOnIt() {
        Timetable t = timetable(4);
        t.setTargets(List.of(target("a", "h:443", S10)));
        advanceTo(due(t, "a"));
        t.runDue();
        assertThat(t.running()).isEqualTo(1);

        t.setTargets(List.of());
        assertThat(t.nextDueNanos("a")).isEmpty();
        t.setTargets(List.of(target("a", "h:443", S10)));
        advanceTo(due(t, "a"));
        t.runDue();
        assertThat(heldNames()).containsExactly("a");
        assertThat(events.skipped).containsExactly(new Skipped("a", SkipReason.STILL_RUNNING));

        t.setTargets(List.of());
        complete("a");
        assertThat(t.running()).isZero();
        assertThat(events.finished).extracting(Finished::target).containsExactly("a");
        clock.advance(Duration.ofHours(1));
        assertThat(t.runDue()).isEqualTo(Timetable.NOTHING_DUE);
        assertThat(held).isEmpty();
    }

    @Test
    void afterALongStallOneRunStartsAndTheNextKeepsThePhase() {
        Timetable t = timetable(4);
        t.setTargets(List.of(target("a", "h:443", S10)));
        long first = due(t, "a");
        advanceTo(first);
        t.runDue();
        complete("a");

        advanceTo(first + Duration.ofSeconds(95).toNanos());
        long delay = t.runDue();

        assertThat(heldNames()).containsExactly("a");
        assertThat(events.started).last().isEqualTo(new Started("a", Duration.ofSeconds(85).toNanos()));
        assertThat(due(t, "a")).isEqualTo(first + Duration.ofSeconds(100).toNanos());
        assertThat(delay).isEqualTo(Duration.ofSeconds(5).toNanos());
        assertThat(events.skipped).as("slots lost to a stall are not probes that were still running").isEmpty();
        complete("a");
        t.runDue();
        assertThat(held).as("no catch-up burst").isEmpty();
        assertThat(events.started).hasSize(2);
    }

    @Test
    void aThrowingProbeIsLoggedOnceAndSchedulingContinues() {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger(Scheduler.class);
        logger.addAppender(log);
        try {
            int[] calls = {0};
            Timetable t = timetable(1, Runnable::run);
            t.setTargets(List.of(new ScheduledTarget("broken", "h:443", S10, 1, Duration.ZERO, () -> {
                calls[0]++;
                throw new IllegalStateException("prober bug");
            })));
            advanceTo(due(t, "broken"));
            t.runDue();

            assertThat(t.running()).isZero();
            assertThat(t.probeFailures()).isEqualTo(1);
            assertThat(log.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                    .satisfies(e -> assertThat(e.getFormattedMessage()).contains("broken"));

            clock.advance(S10);
            t.runDue();
            assertThat(calls[0]).isEqualTo(2);
            assertThat(events.finished).hasSize(2);
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void stopStartsNothingMoreAndEmptiesTheQueue() {
        Timetable t = timetable(1);
        t.setTargets(List.of(target("a", "h0:443", S10), target("b", "h1:443", S10)));
        clock.advance(S10.minusNanos(1));
        t.runDue();
        assertThat(t.queued()).isEqualTo(1);

        t.stop();
        assertThat(t.queued()).isZero();
        held.forEach(Timetable.Run::run);
        clock.advance(Duration.ofMinutes(5));
        assertThat(t.runDue()).isEqualTo(Timetable.NOTHING_DUE);
        assertThat(events.started).hasSize(1);
        assertThat(t.running()).isZero();
    }

    @Test
    void duplicateNamesAreRejectedWithTheName() {
        Timetable t = timetable(1);
        assertThatThrownBy(() -> t.setTargets(List.of(target("dup", "h:443", S10), target("dup", "h:80", S10))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"dup\"");
    }

    @Test
    void nextSlotSkipsMissedSlotsButKeepsThePhase() {
        assertThat(Timetable.nextSlot(10, 10, 10)).isEqualTo(20);
        assertThat(Timetable.nextSlot(10, 10, 19)).isEqualTo(20);
        assertThat(Timetable.nextSlot(10, 10, 20)).isEqualTo(30);
        assertThat(Timetable.nextSlot(10, 10, 35)).isEqualTo(40);
    }

    record Skipped(String target, SkipReason reason) {
    }

    record Started(String target, long lagNanos) {
    }

    record Finished(String target, long runNanos) {
    }

    static final class Recorder implements ScheduleListener {
        final List<Skipped> skipped = new ArrayList<>();
        final List<Started> started = new ArrayList<>();
        final List<Finished> finished = new ArrayList<>();

        @Override
        public void skipped(String target, SkipReason reason) {
            skipped.add(new Skipped(target, reason));
        }

        @Override
        public void started(String target, long lagNanos) {
            started.add(new Started(target, lagNanos));
        }

        @Override
        public void finished(String target, long runNanos) {
            finished.add(new Finished(target, runNanos));
        }
    }
}
