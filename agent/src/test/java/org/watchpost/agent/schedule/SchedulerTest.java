package org.watchpost.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.watchpost.agent.time.TimeSource;

/** The real driver: system clock, worker threads, tiny intervals. Waits only through Awaitility. */
class SchedulerTest {
    private static final Duration TINY = Duration.ofMillis(20);

    @Test
    void runsProbesRepeatedlyOnNamedDaemonWorkersAndCloseStopsThem() {
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicBoolean allDaemon = new AtomicBoolean(true);
        List<ScheduledTarget> targets = List.of("a", "b", "c").stream()
                .map(name -> new ScheduledTarget(name, name + ":443", TINY, 1, Duration.ZERO, () -> {
                    runs.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                    threads.add(Thread.currentThread().getName());
                    allDaemon.compareAndSet(true, Thread.currentThread().isDaemon());
                }))
                .toList();

        Scheduler scheduler = new Scheduler(TimeSource.system(), 2, ScheduleListener.NONE);
        try {
            scheduler.setTargets(targets);
            scheduler.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> List.of("a", "b", "c").stream()
                    .allMatch(n -> runs.containsKey(n) && runs.get(n).get() >= 3));
            assertThat(scheduler.nextDueAt("a")).isPresent();
        } finally {
            scheduler.close();
        }

        assertThat(threads).allMatch(n -> n.matches("watchpost-probe-[12]"));
        assertThat(allDaemon).isTrue();
        assertThat(scheduler.running()).isZero();
        int afterClose = total(runs);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> total(runs) == afterClose);
    }

    @Test
    void aThrowingProbeDoesNotStopTheWorkersOrTheScheduler() {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger healthy = new AtomicInteger();
        try (Scheduler scheduler = new Scheduler(TimeSource.system(), 1, ScheduleListener.NONE)) {
            scheduler.setTargets(List.of(
                    new ScheduledTarget("broken", "b:443", TINY, 1, Duration.ZERO, () -> {
                        calls.incrementAndGet();
                        throw new IllegalStateException("prober bug");
                    }),
                    new ScheduledTarget("fine", "f:443", TINY, 1, Duration.ZERO, healthy::incrementAndGet)));
            scheduler.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 3 && healthy.get() >= 3);
            assertThat(scheduler.probeFailures()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void setTargetsWhileRunningPicksUpNewTargets() {
        AtomicInteger added = new AtomicInteger();
        try (Scheduler scheduler = new Scheduler(TimeSource.system(), 2, ScheduleListener.NONE)) {
            scheduler.start();
            assertThat(scheduler.nextDueNanos("late")).isEmpty();
            scheduler.setTargets(List.of(new ScheduledTarget("late", "l:443", TINY, 1, Duration.ZERO,
                    added::incrementAndGet)));
            await().atMost(Duration.ofSeconds(10)).until(() -> added.get() >= 2);
        }
    }

    @Test
    void shutdownInterruptsAProbeThatOutlivesTheGrace() {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Scheduler scheduler = new Scheduler(TimeSource.system(), 1, ScheduleListener.NONE);
        scheduler.setTargets(List.of(new ScheduledTarget("stuck", "s:443", TINY, 1, Duration.ZERO, () -> {
            entered.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        })));
        scheduler.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> entered.getCount() == 0);

        assertThat(scheduler.shutdown(Duration.ofMillis(50))).isFalse();

        await().atMost(Duration.ofSeconds(10)).untilTrue(interrupted);
        // Later calls return at once and report whether the workers have ended by then.
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduler.shutdown(Duration.ofMillis(50)));
        assertThat(scheduler.running()).isZero();
    }

    @Test
    void cannotStartTwiceOrAfterClose() {
        Scheduler scheduler = new Scheduler(TimeSource.system(), 1, ScheduleListener.NONE);
        scheduler.start();
        assertThatThrownBy(scheduler::start).isInstanceOf(IllegalStateException.class);
        scheduler.close();
        scheduler.close();
        assertThatThrownBy(scheduler::start).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Scheduler(TimeSource.system(), 0, ScheduleListener.NONE))
                .hasMessageContaining("maxConcurrency");
    }

    private static int total(Map<String, AtomicInteger> runs) {
        return runs.values().stream().mapToInt(AtomicInteger::get).sum();
    }
}
