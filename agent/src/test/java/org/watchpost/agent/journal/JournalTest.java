package org.watchpost.agent.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.watchpost.agent.config.JournalSettings;
import org.watchpost.agent.time.FakeTimeSource;

class JournalTest {
    @TempDir
    Path dir;
    private final FakeTimeSource time = new FakeTimeSource();
    private final FaultyFiles files = new FaultyFiles();
    private final List<Journal> open = new ArrayList<>();

    private static final JournalSettings SMALL = new JournalSettings(64 << 10, 8 << 10, 0, Duration.ofDays(7),
            Duration.ofSeconds(1));

    @AfterEach
    void close() {
        open.forEach(Journal::close);
    }

    private Journal journal(JournalSettings s) throws IOException {
        Journal j = Journal.open(dir, s, time, files);
        open.add(j);
        return j;
    }

    private static byte[] payload(int i, int size) {
        byte[] b = new byte[size];
        byte[] tag = ("record-" + i + "-").getBytes(StandardCharsets.UTF_8);
        for (int k = 0; k < size; k++) {
            b[k] = tag[k % tag.length];
        }
        return b;
    }

    private static void append(Journal j, int from, int count, int size) {
        for (int i = from; i < from + count; i++) {
            j.append(JournalRecord.Type.CHECK_RESULT, payload(i, size));
        }
    }

    private static void flush(Journal j) throws InterruptedException {
        assertThat(j.flush(5, TimeUnit.SECONDS)).as("journal flushed").isTrue();
    }

    /** produced = acknowledged + stored + Σ dropped, checked in every test. */
    private static void assertAccounting(Journal.Stats s) {
        assertThat(s.produced()).as("produced = acknowledged + stored + dropped in %s", s)
                .isEqualTo(s.acknowledged() + s.stored() + s.droppedTotal());
    }

    private static List<JournalRecord> readAll(JournalReader r) throws IOException {
        List<JournalRecord> all = new ArrayList<>();
        for (List<JournalRecord> batch = r.next(100, 1 << 20); !batch.isEmpty(); batch = r.next(100, 1 << 20)) {
            all.addAll(batch);
        }
        return all;
    }

    @Test
    void recordsAreReadInOrderAndAcknowledged() throws Exception {
        Journal j = journal(SMALL);
        append(j, 1, 50, 100);
        flush(j);
        Journal.Stats s = j.stats();
        assertThat(s.produced()).isEqualTo(50);
        assertThat(s.stored()).isEqualTo(50);
        assertThat(s.head()).isEqualTo(50);
        assertAccounting(s);

        JournalReader r = j.reader();
        List<JournalRecord> all = readAll(r);
        assertThat(all).extracting(JournalRecord::sequence).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 50).boxed().toList());
        assertThat(new String(all.get(6).payload(), StandardCharsets.UTF_8)).startsWith("record-7-");
        r.acknowledge(30);
        s = j.stats();
        assertThat(s.acknowledged()).isEqualTo(30);
        assertThat(s.stored()).isEqualTo(20);
        assertAccounting(s);
    }

    @Test
    void sequenceAndCursorSurviveARestart() throws Exception {
        Journal j = journal(SMALL);
        append(j, 1, 10, 100);
        flush(j);
        JournalReader r = j.reader();
        readAll(r);
        r.acknowledge(4);
        j.close();
        open.clear();

        Journal again = journal(SMALL);
        Journal.Stats s = again.stats();
        assertThat(s.head()).isEqualTo(10);
        assertThat(s.cursor()).isEqualTo(4);
        assertThat(s.stored()).isEqualTo(6);
        assertAccounting(s);
        append(again, 11, 1, 100);
        flush(again);
        List<JournalRecord> rest = readAll(again.reader());
        assertThat(rest).extracting(JournalRecord::sequence).containsExactly(5L, 6L, 7L, 8L, 9L, 10L, 11L);
    }

    @Test
    void diskUseStaysWithinTheCapAndTheOldestSegmentsGoFirst() throws Exception {
        Journal j = journal(SMALL);
        for (int round = 0; round < 20; round++) {
            append(j, round * 100, 100, 200);
            flush(j);
            assertThat(diskBytes()).isLessThanOrEqualTo(SMALL.maxBytes() + SMALL.segmentBytes());
            assertThat(j.stats().bytes()).isEqualTo(diskBytes());
            assertAccounting(j.stats());
        }
        Journal.Stats s = j.stats();
        assertThat(s.dropped().get(DropReason.CAPACITY)).isPositive();
        List<JournalRecord> left = readAll(j.reader());
        assertThat(left.get(0).sequence()).as("oldest gone").isGreaterThan(1);
        assertThat(left.get(left.size() - 1).sequence()).isEqualTo(2000);
        assertThat(left).hasSize((int) s.stored());
    }

    @Test
    void aFullBufferDropsInsteadOfBlocking() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        files.stuck.set(release);
        Journal j = journal(SMALL);
        int n = (int) (j.bufferCapacity() / 100) * 3;
        append(j, 1, n, 100 - RecordCodec.HEADER); // returns although the writer is stuck on the disk
        Journal.Stats s = j.stats();
        assertThat(s.dropped().get(DropReason.BUFFER_FULL)).isPositive();
        assertAccounting(s);
        release.countDown();
        files.stuck.set(null);
        flush(j);
        assertAccounting(j.stats());
        assertThat(j.stats().produced()).isEqualTo(n);
    }

    @Test
    void aFullDiskDropsAndWritingResumesWhenSpaceReturns() throws Exception {
        Journal j = journal(SMALL);
        append(j, 1, 5, 100);
        flush(j);
        files.diskFull();
        append(j, 6, 5, 100);
        flush(j);
        assertThat(j.stats().dropped().get(DropReason.DISK_FULL)).isEqualTo(5);
        assertAccounting(j.stats());

        files.healthy();
        append(j, 11, 1, 100);
        flush(j);
        assertThat(j.stats().dropped().get(DropReason.DISK_FULL)).as("within the retry pause").isEqualTo(6);
        time.advance(Duration.ofSeconds(2));
        append(j, 12, 3, 100);
        flush(j);
        Journal.Stats s = j.stats();
        assertThat(s.stored()).isEqualTo(8);
        assertThat(s.head()).as("sequences stay contiguous on disk").isEqualTo(8);
        assertAccounting(s);
        assertThat(readAll(j.reader())).hasSize(8);
    }

    @Test
    void ioErrorsAreCountedApart() throws Exception {
        Journal j = journal(SMALL);
        files.ioError();
        append(j, 1, 3, 100);
        flush(j);
        assertThat(j.stats().dropped().get(DropReason.IO_ERROR)).isEqualTo(3);
        assertAccounting(j.stats());
    }

    @Test
    void nothingIsWrittenBelowTheKeepFreeFloor() throws Exception {
        JournalSettings s = new JournalSettings(64 << 10, 8 << 10, 1 << 20, Duration.ofDays(7), Duration.ofSeconds(1));
        Journal j = journal(s);
        files.usable.set(512 << 10);
        append(j, 1, 4, 100);
        flush(j);
        assertThat(j.stats().dropped().get(DropReason.KEEP_FREE)).isEqualTo(4);
        assertThat(j.stats().bytes()).isZero();
        files.usable.set(10 << 20);
        append(j, 5, 2, 100);
        flush(j);
        assertThat(j.stats().stored()).isEqualTo(2);
        assertAccounting(j.stats());
    }

    @Test
    void recordsPastMaxAgeAreDropped() throws Exception {
        JournalSettings s = new JournalSettings(64 << 10, 8 << 10, 0, Duration.ofHours(1), Duration.ofSeconds(1));
        Journal j = journal(s);
        append(j, 1, 100, 200);
        flush(j);
        time.advance(Duration.ofHours(2));
        j.expire();
        Journal.Stats st = j.stats();
        assertThat(st.dropped().get(DropReason.AGE)).isEqualTo(100);
        assertThat(st.stored()).isZero();
        assertAccounting(st);
    }

    @Test
    void aSegmentThatEndsEarlyLosesOnlyItsTail() throws Exception {
        Journal j = journal(SMALL);
        append(j, 1, 5, 100);
        flush(j);
        j.close();
        open.clear();
        Path sealed = segmentFiles().get(0);
        try (RandomAccessFile f = new RandomAccessFile(sealed.toFile(), "rw")) {
            f.setLength(f.length() - 10);
        }
        Journal again = journal(SMALL);
        assertThat(again.stats().head()).isEqualTo(5);
        assertThat(readAll(again.reader())).hasSize(4);
        assertThat(again.stats().corrupt()).isEqualTo(1);
        assertAccounting(again.stats());
    }

    @Test
    void aCrashMidWriteLeavesATornTailThatTheNextStartCuts() throws Exception {
        Journal j = journal(SMALL);
        append(j, 1, 5, 100);
        flush(j);
        j.close();
        open.clear();
        // What kill -9 during a write leaves: the segment still under its open name, the head file from an earlier
        // roll, and half of the last record.
        Path sealed = segmentFiles().get(0);
        Path active = dir.resolve(Segment.activeName(1));
        Files.move(sealed, active);
        Files.delete(dir.resolve(Journal.HEAD));
        try (RandomAccessFile f = new RandomAccessFile(active.toFile(), "rw")) {
            f.setLength(f.length() - 10);
        }
        Journal again = journal(SMALL);
        assertThat(again.stats().head()).isEqualTo(4);
        assertThat(again.stats().corrupt()).as("a torn last write was never acknowledged as written").isZero();
        assertThat(readAll(again.reader())).hasSize(4);
        append(again, 6, 1, 100);
        flush(again);
        assertThat(again.stats().head()).isEqualTo(5);
        assertAccounting(again.stats());
    }

    @Test
    void aFlippedBitIsSkippedAndCounted() throws Exception {
        Journal j = journal(SMALL);
        append(j, 1, 5, 100);
        flush(j);
        j.close();
        open.clear();
        Path seg = segmentFiles().get(0);
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            long pos = 2L * RecordCodec.size(100) + RecordCodec.HEADER + 10; // inside record 3's payload
            f.seek(pos);
            int b = f.read();
            f.seek(pos);
            f.write(b ^ 0x04);
        }
        Journal again = journal(SMALL);
        List<JournalRecord> all = readAll(again.reader());
        assertThat(all).extracting(JournalRecord::sequence).containsExactly(1L, 2L, 4L, 5L);
        assertThat(again.stats().corrupt()).isEqualTo(1);
        assertAccounting(again.stats());
    }

    @Test
    void aZeroedLengthLosesTheRestOfItsSegmentOnly() throws Exception {
        Journal j = journal(SMALL);
        append(j, 1, 120, 200); // several segments
        flush(j);
        j.close();
        open.clear();
        List<Path> segs = segmentFiles();
        assertThat(segs.size()).isGreaterThan(2);
        try (RandomAccessFile f = new RandomAccessFile(segs.get(0).toFile(), "rw")) {
            f.seek(RecordCodec.size(200)); // record 2's length
            f.writeInt(0);
        }
        Journal again = journal(SMALL);
        List<JournalRecord> all = readAll(again.reader());
        assertThat(all.get(0).sequence()).isEqualTo(1);
        assertThat(all.get(1).sequence()).as("resumes at the next segment").isGreaterThan(2);
        assertThat(all.get(all.size() - 1).sequence()).isEqualTo(120);
        assertThat(again.stats().corrupt()).isEqualTo(all.get(1).sequence() - 2);
        assertAccounting(again.stats());
    }

    @Test
    void aMissingMiddleSegmentAndAForeignFileDoNotStopTheJournal() throws Exception {
        Journal j = journal(SMALL);
        append(j, 1, 120, 200);
        flush(j);
        j.close();
        open.clear();
        List<Path> segs = segmentFiles();
        long[] range = Segment.parse(segs.get(1).getFileName().toString());
        Files.delete(segs.get(1));
        Files.writeString(dir.resolve("notes.txt"), "someone's file");

        Journal again = journal(SMALL);
        Journal.Stats s = again.stats();
        assertThat(s.corrupt()).isEqualTo(range[1] - range[0] + 1);
        List<JournalRecord> all = readAll(again.reader());
        assertThat(all).extracting(JournalRecord::sequence).doesNotContain(range[0], range[1]);
        assertThat(all).hasSize((int) (120 - (range[1] - range[0] + 1)));
        assertThat(dir.resolve("notes.txt")).exists();
        assertAccounting(again.stats());
    }

    /** Metadata calls a hung filesystem can stall on while the writer rolls or trims segments. */
    enum StuckCall {
        RENAME, DELETE
    }

    /**
     * Guarantee 9 (and 3): a filesystem stuck on a rename or an unlink holds up the writer, never append() nor the
     * scrape's stats(). If the writer did either under the journal's lock, both would wait for the disk.
     */
    @ParameterizedTest
    @EnumSource(StuckCall.class)
    void appendAndStatsReturnWhileTheWriterIsStuckOnARenameOrADeletion(StuckCall call) throws Exception {
        Journal j = journal(SMALL);
        int next = 1;
        if (call == StuckCall.DELETE) {
            for (int round = 0; round < 4; round++) { // full, so the next roll must delete the oldest segment
                append(j, next, 100, 200);
                next += 100;
                flush(j);
            }
            assertThat(j.stats().dropped().get(DropReason.CAPACITY)).isPositive();
        }
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<CountDownLatch> stuck = call == StuckCall.RENAME ? files.stuckMove : files.stuckDelete;
        stuck.set(release);
        ExecutorService probePath = Executors.newSingleThreadExecutor();
        try {
            append(j, next, 60, 200); // more than a segment: the writer rolls, and trims when full
            next += 60;
            org.awaitility.Awaitility.await("the writer stuck in a " + call.name().toLowerCase())
                    .atMost(Duration.ofSeconds(10)).until(() -> files.blocked.get() > 0);

            int from = next;
            Future<Journal.Stats> probe = probePath.submit(() -> {
                append(j, from, 10, 200);
                return j.stats();
            });
            Journal.Stats during;
            try {
                during = probe.get(10, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("append() and stats() waited for a stuck " + call.name().toLowerCase()
                        + ": the probe path and /metrics would hang with the disk", e);
            }
            assertThat(during.produced()).isEqualTo(next + 10 - 1);
            assertAccounting(during);
        } finally {
            release.countDown();
            stuck.set(null);
            probePath.shutdownNow();
        }
        flush(j);
        Journal.Stats after = j.stats();
        assertThat(after.head()).as("everything written once the disk moves again").isEqualTo(next + 10 - 1);
        assertAccounting(after);
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
    }

    private long diskBytes() throws IOException {
        long n = 0;
        for (Path p : segmentFiles()) {
            n += Files.size(p);
        }
        return n;
    }
}
