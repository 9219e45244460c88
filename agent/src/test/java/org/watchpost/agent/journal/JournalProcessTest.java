package org.watchpost.agent.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.agent.config.JournalSettings;
import org.watchpost.agent.time.FakeTimeSource;
import org.watchpost.agent.time.TimeSource;

/**
 * The guarantees only a separate process can show: memory under a flood (4), {@code kill -9} while writing (5), and
 * what a large backlog costs at start (7). Each forks a JVM from this one's java binary and classpath, with a small
 * fixed heap, and reads what it reports on stdout; the figures go to the test's output as {@code RELIABILITY} lines.
 */
class JournalProcessTest {
    @TempDir
    Path dir;

    /** A small agent's JVM; the heap is fixed and touched up front, so RSS moves only with what the heap is not. */
    private static final List<String> SMALL_JVM = List.of("-Xms48m", "-Xmx48m", "-XX:+AlwaysPreTouch",
            "-XX:+UseSerialGC");
    private static final long MIB = 1 << 20;
    /** A third of -Xmx48m: what the flood may keep at most, after GC. */
    private static final long HEAP_BOUND = 16 * MIB;

    /**
     * Guarantee 4: a collector that never acknowledges and probes that produce records as fast as a CPU can, until a
     * hundred times max_bytes has gone through the disk. The heap after GC and the RSS stay where they started.
     */
    @Test
    void memoryStaysFlatUnderAFloodOfAHundredTimesTheCapacity() throws Exception {
        long maxBytes = MIB;
        long segmentBytes = 128 << 10;
        int payload = 1000;
        List<ChildJvm.Line> samples;
        ChildJvm.Line end;
        try (ChildJvm child = ChildJvm.start(dir, SMALL_JVM, FloodChild.class, dir.resolve("journal").toString(),
                Long.toString(maxBytes), Long.toString(segmentBytes), Integer.toString(payload), "100")) {
            // Watched as it goes, so that a heap that fills up fails here with its figures, not in a GC-bound crawl.
            await("the flood to end").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !child.isAlive() || child.lines("SAMPLE").stream()
                            .anyMatch(l -> l.value("heap") >= HEAP_BOUND));
            assertThat(child.lines("SAMPLE")).as("heap after GC while flooding")
                    .allMatch(l -> l.value("heap") < HEAP_BOUND);
            assertThat(child.exitCode(Duration.ofSeconds(30))).as("the flood child's exit code; stderr:\n%s",
                    child.stderrTail()).isZero();
            samples = child.lines("SAMPLE");
            end = child.lines("END").get(0);
        }
        assertThat(samples).hasSizeGreaterThanOrEqualTo(20);
        int tenth = samples.size() / 10;
        long heapFirst = max(samples.subList(0, tenth), "heap");
        long heapLast = max(samples.subList(samples.size() - tenth, samples.size()), "heap");
        long heapMax = max(samples, "heap");
        long rssFirst = max(samples.subList(0, tenth), "rss");
        long rssMiddle = samples.get(samples.size() / 2).value("rss");
        long rssLast = max(samples.subList(samples.size() - tenth, samples.size()), "rss");
        long rssMax = max(samples, "rss");
        // 2 MiB is 20 bytes for each record of the flood: a leak of anything kept per record would show.
        assertThat(heapLast).as("heap after GC: last tenth of the flood against the first")
                .isLessThan(heapFirst + 2 * MIB);
        assertThat(rssMax).as("RSS").isLessThan(192 * MIB);
        // The JIT settles in the first half (a step of about 13 MiB here); a leak would go on growing in the second.
        assertThat(rssLast).as("RSS: last tenth of the flood against the middle").isLessThan(rssMiddle + 8 * MIB);

        long produced = end.value("produced");
        assertThat(produced).isEqualTo(end.value("appended"));
        assertThat(produced).as("produced = acknowledged + stored + dropped: %s", end.text())
                .isEqualTo(end.value("acknowledged") + end.value("stored") + end.value("dropped"));
        long written = end.value("head") * RecordCodec.size(payload);
        assertThat(written).as("bytes that went through the disk").isGreaterThanOrEqualTo(50 * maxBytes);
        assertThat(end.value("capacity")).as("the oldest segments went").isPositive();
        assertThat(end.value("bytes")).isLessThanOrEqualTo(maxBytes);
        samples.forEach(l -> System.out.println("g4 " + l.text()));
        System.out.printf("RELIABILITY g4 flood: %d records (%d MiB) produced, %d MiB through the disk (max_bytes %d "
                        + "MiB); heap after GC %.1f MiB first tenth, %.1f MiB last tenth, %.1f MiB max (-Xmx48m); RSS "
                        + "%.0f MiB first tenth, %.0f MiB middle, %.0f MiB last tenth, %.0f MiB max%n", produced,
                produced * RecordCodec.size(payload) / MIB, written / MIB,
                maxBytes / MIB, heapFirst / (double) MIB, heapLast / (double) MIB, heapMax / (double) MIB,
                rssFirst / (double) MIB, rssMiddle / (double) MIB, rssLast / (double) MIB, rssMax / (double) MIB);
    }

    /**
     * Guarantee 5: SIGKILL while appending at a steady rate. What the child reported appended one fsync_interval before
     * the kill is on disk (the page cache survives the process; only the in-memory buffer can go), the cursor it
     * acknowledged holds, and the restart reads every record in order with nothing corrupt.
     */
    @Test
    void killMinus9LosesAtMostTheLastFsyncIntervalAndTheRestartRecovers() throws Exception {
        long rate = 2000;
        Duration fsync = Duration.ofSeconds(1);
        Path journalDir = dir.resolve("journal");
        long killedAt;
        List<ChildJvm.Line> appended;
        List<ChildJvm.Line> acked;
        try (ChildJvm child = ChildJvm.start(dir, List.of("-Xmx64m", "-XX:+UseSerialGC"), SteadyAppenderChild.class,
                journalDir.toString(), Long.toString(rate), Long.toString(fsync.toMillis()))) {
            await("the child to append for 2.5 fsync intervals").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        List<ChildJvm.Line> lines = child.lines("APPENDED");
                        return !lines.isEmpty() && lines.get(lines.size() - 1).value("id") >= rate * 5 / 2;
                    });
            killedAt = System.nanoTime();
            child.kill();
            appended = child.lines("APPENDED");
            acked = child.lines("ACKED");
        }
        long lastReported = appended.get(appended.size() - 1).value("id");
        long reportedAnIntervalBefore = 0;
        for (ChildJvm.Line l : appended) {
            assertThat(l.value("dropped")).as("the child dropped nothing: %s", l.text()).isZero();
            if (l.atNanos() <= killedAt - fsync.toNanos()) {
                reportedAnIntervalBefore = l.value("id");
            }
        }
        assertThat(reportedAnIntervalBefore).isPositive();
        long lastAcked = acked.isEmpty() ? 0 : acked.get(acked.size() - 1).value("seq");

        JournalSettings settings = new JournalSettings(64L << 20, 1L << 20, 0, Duration.ofDays(7), fsync);
        long started = System.nanoTime();
        try (Journal again = Journal.open(journalDir, settings, TimeSource.system(), JournalFiles.system())) {
            long openNanos = System.nanoTime() - started;
            Journal.Stats s = again.stats();
            assertThat(s.head()).as("on disk after the kill, against what was reported one fsync_interval before it")
                    .isGreaterThanOrEqualTo(reportedAnIntervalBefore);
            assertThat(acked).as("the child acknowledged before it was killed").isNotEmpty();
            assertThat(s.cursor()).as("the acknowledged cursor survives").isGreaterThanOrEqualTo(lastAcked);
            assertThat(s.corrupt()).isZero();
            assertThat(s.stored()).isEqualTo(s.head() - s.cursor());
            assertAccounting(s);
            List<Long> ids = new ArrayList<>();
            try (JournalReader r = again.reader()) {
                for (List<JournalRecord> batch = r.next(10_000, 64 << 20); !batch.isEmpty();
                     batch = r.next(10_000, 64 << 20)) {
                    for (JournalRecord rec : batch) {
                        assertThat(SteadyAppenderChild.idOf(rec)).as("record %d", rec.sequence())
                                .isEqualTo(rec.sequence());
                        ids.add(rec.sequence());
                    }
                }
            }
            assertThat(ids).hasSize((int) s.stored());
            if (!ids.isEmpty()) {
                assertThat(ids.get(0)).isEqualTo(s.cursor() + 1);
                assertThat(ids.get(ids.size() - 1)).isEqualTo(s.head());
            }
            again.append(JournalRecord.Type.CHECK_RESULT, SteadyAppenderChild.payload(s.head() + 1));
            assertThat(again.flush(10, TimeUnit.SECONDS)).isTrue();
            assertThat(again.stats().head()).as("sequences go on after the restart").isEqualTo(s.head() + 1);
            assertThat(again.stats().corrupt()).isZero();
            assertAccounting(again.stats());
            System.out.printf("RELIABILITY g5 kill-9: appending %d/s, fsync_interval %d ms: reported %d one interval "
                            + "before the kill and %d last; on disk after the kill: %d (%+d against the last report); "
                            + "cursor %d (last acknowledged %d); restart in %.1f ms, 0 corrupt%n", rate,
                    fsync.toMillis(), reportedAnIntervalBefore, lastReported, s.head(), s.head() - lastReported,
                    s.cursor(), lastAcked, openNanos / 1e6);
        }
    }

    /**
     * Guarantee 7: a journal of 2000 full segments costs about what one of 10 costs, in heap after GC and in open
     * files, at start and after reading the whole backlog; no segment stays open after the start, and reading keeps at
     * most one open.
     */
    @Test
    void startingWithALargeBacklogCostsNoMoreMemoryOrFilesThanASmallOne() throws Exception {
        long segmentBytes = 16 << 10;
        long maxBytes = 2048 * segmentBytes;
        Backlog small = backlog(dir.resolve("small"), maxBytes, segmentBytes, 10);
        Backlog large = backlog(dir.resolve("large"), maxBytes, segmentBytes, 2000);

        assertThat(large.opened.value("segments")).isGreaterThanOrEqualTo(2000);
        assertThat(large.read.value("records")).isEqualTo(large.opened.value("stored"));
        assertThat(small.read.value("records")).isEqualTo(small.opened.value("stored"));
        for (Backlog b : List.of(small, large)) {
            assertThat(b.opened.value("journal_fds")).as("segments open after the start: %s", b.opened.text())
                    .isZero();
            assertThat(b.read.value("max_journal_fds")).as("segments open while reading: %s", b.read.text())
                    .isLessThanOrEqualTo(1);
        }
        long heapAtStart = large.opened.value("heap") - small.opened.value("heap");
        long heapAfterReading = large.read.value("heap") - small.read.value("heap");
        assertThat(heapAtStart).as("heap of 2000 segments over 10 at start").isLessThan(2 * MIB);
        assertThat(heapAfterReading).as("heap of 2000 segments over 10 after reading").isLessThan(2 * MIB);
        assertThat(large.fdsOpened).as("open files at start, seen from outside").isLessThanOrEqualTo(small.fdsOpened);
        assertThat(large.fdsRead).as("open files after reading, seen from outside")
                .isLessThanOrEqualTo(small.fdsRead);
        System.out.printf("RELIABILITY g7 backlog: %d segments (%d records, %d MiB) against %d segments (%d records):"
                        + " heap after GC %+.2f MiB at start, %+.2f MiB after reading all; open files %d against %d at "
                        + "start, %d against %d after reading; at most %d segment open while reading%n",
                large.opened.value("segments"), large.opened.value("stored"),
                large.opened.value("segments") * segmentBytes / MIB, small.opened.value("segments"),
                small.opened.value("stored"), heapAtStart / (double) MIB, heapAfterReading / (double) MIB,
                large.fdsOpened, small.fdsOpened, large.fdsRead, small.fdsRead,
                Math.max(large.read.value("max_journal_fds"), small.read.value("max_journal_fds")));
    }

    private record Backlog(ChildJvm.Line opened, ChildJvm.Line read, long fdsOpened, long fdsRead) {
    }

    /** Writes {@code segments} full segments (quickly: nothing to force), then lets a child open and read them. */
    private Backlog backlog(Path journalDir, long maxBytes, long segmentBytes, int segments) throws Exception {
        JournalSettings settings = new JournalSettings(maxBytes, segmentBytes, 0, Duration.ofDays(3650),
                Duration.ofSeconds(1));
        FaultyFiles files = new FaultyFiles();
        files.fsync.set(false);
        try (Journal j = Journal.open(journalDir, settings, new FakeTimeSource(), files)) {
            int perRound = (int) (j.bufferCapacity() / RecordCodec.size(500));
            while (j.stats().segments() <= segments) {
                for (int i = 0; i < perRound; i++) {
                    j.append(JournalRecord.Type.CHECK_RESULT, new byte[500]);
                }
                assertThat(j.flush(10, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(j.stats().dropped().values()).allMatch(n -> n == 0);
        }
        try (ChildJvm child = ChildJvm.start(journalDir.getParent(), SMALL_JVM, BacklogReaderChild.class,
                journalDir.toString(), Long.toString(maxBytes), Long.toString(segmentBytes))) {
            ChildJvm.Line opened = child.await("OPENED", Duration.ofSeconds(60));
            long fdsOpened = ProcessFigures.openFiles(child.pid(), null)[0];
            child.send("read");
            ChildJvm.Line read = child.await("READ", Duration.ofSeconds(60));
            long fdsRead = ProcessFigures.openFiles(child.pid(), null)[0];
            child.send("exit");
            assertThat(child.exitCode(Duration.ofSeconds(30))).isZero();
            return new Backlog(opened, read, fdsOpened, fdsRead);
        }
    }

    private static long max(List<ChildJvm.Line> lines, String key) {
        return lines.stream().mapToLong(l -> l.value(key)).max().orElseThrow();
    }

    private static void assertAccounting(Journal.Stats s) {
        assertThat(s.produced()).as("produced = acknowledged + stored + dropped in %s", s)
                .isEqualTo(s.acknowledged() + s.stored() + s.droppedTotal());
    }
}
