package org.watchpost.agent.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.agent.config.JournalSettings;
import org.watchpost.agent.time.FakeTimeSource;

/**
 * Guarantee 8: produced = acknowledged + stored + Σ dropped at every moment, not only when things are quiet. Several
 * appenders, a reader that acknowledges behind them and a disk that fails in every way it can race, while the test
 * thread samples the counters as scrapes would.
 *
 * <p>The disk's phases advance on what the journal did, never on a clock: each fault lasts until it has cost records
 * (so every kind of drop happens in every run), each healthy phase until records were written again.
 */
class JournalConcurrencyTest {
    @TempDir
    Path dir;

    private static final int APPENDERS = 4;
    private static final int CYCLES = 5;
    /** Each phase lasts at least this many samples of the counters, so every phase is watched while it races. */
    private static final int SAMPLES_PER_PHASE = 25;
    /** The reader acknowledges this far behind what it read, as a forwarder waiting on the collector would. */
    private static final int ACK_LAG = 500;

    @Test
    @Timeout(120)
    void theAccountingAddsUpAtEverySampleWhileAppendersTheReaderAndDiskFaultsRace() throws Exception {
        FakeTimeSource time = new FakeTimeSource();
        FaultyFiles files = new FaultyFiles();
        files.fsync.set(false);
        // Holds about 250 records, well under the reader's lag: trimming the oldest segment costs unread records.
        JournalSettings settings = new JournalSettings(64 << 10, 8 << 10, 1 << 20, Duration.ofDays(7),
                Duration.ofSeconds(1));
        Journal journal = Journal.open(dir, settings, time, files);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicLong appended = new AtomicLong();
        AtomicBoolean faultsDone = new AtomicBoolean();
        AtomicLong samples = new AtomicLong();

        List<Thread> appenders = new ArrayList<>();
        for (int t = 0; t < APPENDERS; t++) {
            int seed = t;
            appenders.add(thread("appender-" + t, failures, () -> {
                Random random = new Random(seed);
                for (int i = 0; !faultsDone.get(); i++) {
                    journal.append(JournalRecord.Type.CHECK_RESULT, new byte[50 + random.nextInt(400)]);
                    appended.incrementAndGet();
                    if (i % 4 == 0) {
                        Thread.yield(); // a probe does more than append; let the writer and the reader in
                    }
                }
            }));
        }
        AtomicLong delivered = new AtomicLong();
        AtomicBoolean flushed = new AtomicBoolean();
        Thread reader = thread("reader", failures, () -> {
            try (JournalReader r = journal.reader()) {
                long last = 0;
                while (true) {
                    boolean finalPass = flushed.get();
                    List<JournalRecord> batch = r.next(100, 1 << 20);
                    if (batch.isEmpty()) {
                        if (finalPass) {
                            if (last > r.cursor()) {
                                r.acknowledge(last);
                            }
                            break;
                        }
                        Thread.yield();
                        continue;
                    }
                    for (JournalRecord rec : batch) {
                        if (rec.sequence() <= last) {
                            throw new AssertionError("sequence " + rec.sequence() + " delivered after " + last);
                        }
                        last = rec.sequence();
                    }
                    delivered.addAndGet(batch.size());
                    if (last - ACK_LAG > r.cursor()) {
                        r.acknowledge(last - ACK_LAG);
                    }
                }
            }
        });
        Thread faults = thread("faults", failures, () -> {
            try {
                for (int cycle = 0; cycle < CYCLES; cycle++) {
                    long head = journal.stats().head();
                    phase(files, time, journal, samples, s -> s.head() >= head + 300, () -> { });
                    phase(files, time, journal, samples, dropsOf(journal, DropReason.DISK_FULL), files::diskFull);
                    phase(files, time, journal, samples, dropsOf(journal, DropReason.IO_ERROR), files::ioError);
                    phase(files, time, journal, samples, dropsOf(journal, DropReason.KEEP_FREE),
                            () -> files.usable.set(settings.keepFreeBytes() - 1));
                }
            } finally {
                files.healthy();
                files.usable.set(Long.MAX_VALUE);
                time.advance(Duration.ofSeconds(2));
                faultsDone.set(true);
            }
        });

        appenders.forEach(Thread::start);
        reader.start();
        faults.start();
        Journal.Stats previous = journal.stats();
        while (faults.isAlive() || appenders.stream().anyMatch(Thread::isAlive)) {
            Journal.Stats s = journal.stats();
            assertConsistent(s, previous, settings);
            previous = s;
            samples.incrementAndGet();
            Thread.yield();
        }
        faults.join();
        for (Thread t : appenders) {
            t.join();
        }
        assertThat(journal.flush(10, TimeUnit.SECONDS)).isTrue();
        flushed.set(true);
        reader.join();
        assertThat(failures).isEmpty();

        Journal.Stats end = journal.stats();
        assertConsistent(end, previous, settings);
        assertThat(end.produced()).isEqualTo(appended.get());
        assertThat(end.stored()).as("the reader acknowledged everything it could read").isZero();
        assertThat(end.acknowledged()).isPositive().isLessThanOrEqualTo(delivered.get());
        for (DropReason r : List.of(DropReason.BUFFER_FULL, DropReason.DISK_FULL, DropReason.IO_ERROR,
                DropReason.KEEP_FREE, DropReason.CAPACITY)) {
            assertThat(end.dropped().get(r)).as("dropped for %s", r.label()).isPositive();
        }
        journal.close();
        System.out.printf("RELIABILITY g8 concurrent-accounting: identity held in %d samples; %d produced, %d "
                + "acknowledged, dropped %s%n", samples.get(), end.produced(), end.acknowledged(), end.dropped());
    }

    /** Switches the disk to a fault (or back to health) and waits until the journal has felt it. */
    private static void phase(FaultyFiles files, FakeTimeSource time, Journal journal, AtomicLong samples,
                              Predicate<Journal.Stats> felt, Runnable fault) {
        files.healthy();
        files.usable.set(Long.MAX_VALUE);
        fault.run();
        time.advance(Duration.ofSeconds(2)); // past the retry pause and the free-space check interval
        long watched = samples.get() + SAMPLES_PER_PHASE;
        while (!felt.test(journal.stats()) || samples.get() < watched) {
            Thread.yield();
        }
    }

    private static Predicate<Journal.Stats> dropsOf(Journal journal, DropReason reason) {
        long before = journal.stats().dropped().get(reason);
        return s -> s.dropped().get(reason) > before;
    }

    /** The identity, and what can never go backwards or out of range, in one snapshot and against the previous one. */
    private static void assertConsistent(Journal.Stats s, Journal.Stats previous, JournalSettings settings) {
        assertThat(s.produced()).as("produced = acknowledged + stored + dropped in %s", s)
                .isEqualTo(s.acknowledged() + s.stored() + s.droppedTotal());
        assertThat(s.stored()).as("stored in %s", s).isGreaterThanOrEqualTo(s.buffered()).isNotNegative();
        assertThat(s.cursor()).as("cursor in %s", s).isLessThanOrEqualTo(s.head());
        assertThat(s.bytes()).as("bytes in %s", s).isLessThanOrEqualTo(settings.maxBytes() + settings.segmentBytes());
        assertThat(s.produced()).isGreaterThanOrEqualTo(previous.produced());
        assertThat(s.acknowledged()).isGreaterThanOrEqualTo(previous.acknowledged());
        assertThat(s.head()).isGreaterThanOrEqualTo(previous.head());
        assertThat(s.cursor()).isGreaterThanOrEqualTo(previous.cursor());
        for (Map.Entry<DropReason, Long> e : s.dropped().entrySet()) {
            assertThat(e.getValue()).as("dropped %s never decreases", e.getKey().label())
                    .isGreaterThanOrEqualTo(previous.dropped().get(e.getKey()));
        }
    }

    private static Thread thread(String name, List<Throwable> failures, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failures.add(e);
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }
}
