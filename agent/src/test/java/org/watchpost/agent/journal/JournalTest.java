package org.watchpost.agent.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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

    /** Guarantee 9: with the writer stuck inside a write, append() still returns; the bounded buffer drops the rest. */
    @Test
    void aFullBufferDropsInsteadOfBlocking() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        files.stuck.set(release);
        Journal j = journal(SMALL);
        int recordBytes = 100;
        int n = (int) (j.bufferCapacity() / recordBytes) * 3;
        Journal.Stats s;
        try {
            append(j, 1, 1, recordBytes - RecordCodec.HEADER);
            await("the writer stuck in a write").atMost(Duration.ofSeconds(10))
                    .until(() -> files.blocked.get() > 0);
            append(j, 2, n, recordBytes - RecordCodec.HEADER); // returns although the writer is stuck on the disk
            s = j.stats();
            assertThat(s.buffered()).as("the buffer holds what fits in its bytes")
                    .isEqualTo(j.bufferCapacity() / recordBytes);
            assertThat(s.dropped().get(DropReason.BUFFER_FULL)).isEqualTo(n - s.buffered());
            assertAccounting(s);
        } finally {
            release.countDown();
            files.stuck.set(null);
        }
        flush(j);
        assertAccounting(j.stats());
        assertThat(j.stats().produced()).isEqualTo(n + 1);
        assertThat(j.stats().head()).isEqualTo(1 + s.buffered());
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

    /**
     * Guarantee 10, age: the writer deletes by itself the segments whose newest record is past max_age; unacknowledged
     * records in them count as {@code age}, acknowledged ones do not, and segments holding newer records stay.
     */
    @Test
    void recordsPastMaxAgeGoByThemselvesAndCountAsAge() throws Exception {
        JournalSettings s = new JournalSettings(64 << 10, 8 << 10, 0, Duration.ofHours(1), Duration.ofSeconds(1));
        Journal j = journal(s);
        append(j, 1, 100, 200);
        flush(j);
        JournalReader r = j.reader();
        assertThat(r.next(20, 1 << 20)).hasSize(20);
        r.acknowledge(20);
        time.advance(Duration.ofMinutes(30));
        append(j, 101, 50, 200);
        flush(j);
        long expected = 0;
        for (Path p : segmentFiles()) {
            long[] range = Segment.parse(p.getFileName().toString());
            if (range[1] >= 0 && range[1] <= 100) { // sealed, and only records of the first batch in it
                expected += range[1] - Math.max(range[0], 21) + 1;
            }
        }
        assertThat(expected).as("some segments hold only old records").isPositive();

        int segmentsBefore = j.stats().segments();
        time.advance(Duration.ofMinutes(31)); // the first batch is now 61 minutes old, the second 31
        await().atMost(Duration.ofSeconds(30)).until(() -> j.stats().segments() < segmentsBefore);
        Journal.Stats st = j.stats();
        assertThat(st.dropped().get(DropReason.AGE)).isEqualTo(expected);
        assertThat(st.stored()).isEqualTo(130 - expected);
        assertAccounting(st);
        List<JournalRecord> left = readAll(j.reader());
        assertThat(left).hasSize((int) st.stored());
        assertThat(left.get(left.size() - 1).sequence()).isEqualTo(150);

        time.advance(Duration.ofHours(2)); // now everything, the active segment too
        // Files are unlinked after the journal lets go of its lock, so wait for them too, not only for the count.
        await().atMost(Duration.ofSeconds(30)).until(() -> j.stats().segments() == 0 && segmentFiles().isEmpty());
        st = j.stats();
        assertThat(st.dropped().get(DropReason.AGE)).as("every unacknowledged record, counted once").isEqualTo(130);
        assertThat(st.bytes()).isZero();
        assertThat(segmentFiles()).isEmpty();
        assertAccounting(st);
    }

    /**
     * Guarantee 10, capacity: when full, the oldest segments go first, forwarded or not; only the records that were
     * never acknowledged count as {@code capacity}, and what is left is the newest, without holes.
     */
    @Test
    void whenFullTheOldestSegmentsGoFirstAndOnlyUnacknowledgedRecordsCount() throws Exception {
        Journal j = journal(SMALL);
        append(j, 1, 100, 200);
        flush(j);
        JournalReader r = j.reader();
        assertThat(readAll(r)).hasSize(100);
        r.acknowledge(50);
        for (int round = 1; round <= 10; round++) {
            append(j, round * 100 + 1, 100, 200);
            flush(j);
            assertAccounting(j.stats());
        }
        Journal.Stats s = j.stats();
        r.rewind();
        List<JournalRecord> left = readAll(r);
        long oldestLeft = left.get(0).sequence();
        assertThat(oldestLeft).as("the oldest went, unacknowledged ones too").isGreaterThan(51);
        assertThat(left).extracting(JournalRecord::sequence).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(oldestLeft, 1100).boxed().toList());
        assertThat(s.dropped().get(DropReason.CAPACITY)).isEqualTo(oldestLeft - 1 - 50);
        assertThat(s.stored()).isEqualTo(left.size());
        assertThat(s.acknowledged()).isEqualTo(50);
        assertAccounting(s);
    }

    /**
     * Guarantee 1, sampled from outside while the writer works: the segment files never add up to more than max_bytes
     * plus one segment, and the journal's own figure agrees.
     */
    @Test
    void diskUseNeverExceedsTheCapWhileWriting() throws Exception {
        JournalSettings s = new JournalSettings(1 << 20, 128 << 10, 0, Duration.ofDays(7), Duration.ofSeconds(1));
        Journal j = journal(s);
        long bound = s.maxBytes() + s.segmentBytes();
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong maxSeen = new AtomicLong();
        AtomicLong samples = new AtomicLong();
        AtomicReference<String> violation = new AtomicReference<>();
        Thread sampler = new Thread(() -> {
            while (!done.get() && violation.get() == null) {
                long onDisk = diskBytesNow();
                Journal.Stats st = j.stats();
                maxSeen.accumulateAndGet(onDisk, Math::max);
                samples.incrementAndGet();
                if (onDisk > bound || st.bytes() > bound) {
                    violation.set("disk " + onDisk + ", journal says " + st.bytes() + ", bound " + bound);
                } else if (st.produced() != st.acknowledged() + st.stored() + st.droppedTotal()) {
                    violation.set("accounting off: " + st);
                }
            }
        }, "disk-sampler");
        sampler.start();
        int recordBytes = 1000;
        int perRound = (int) (j.bufferCapacity() / recordBytes);
        int records = (int) (20 * s.maxBytes() / recordBytes);
        try {
            for (int i = 1; i <= records; i += perRound) {
                append(j, i, Math.min(perRound, records - i + 1), recordBytes - RecordCodec.HEADER);
                flush(j);
            }
        } finally {
            done.set(true);
            sampler.join();
        }
        assertThat(violation.get()).as("a sample over the bound").isNull();
        assertThat(samples.get()).as("samples taken while writing").isPositive();
        Journal.Stats st = j.stats();
        assertThat(st.produced()).isEqualTo(records);
        assertThat(st.dropped().get(DropReason.BUFFER_FULL)).isZero();
        assertThat(st.dropped().get(DropReason.CAPACITY)).isEqualTo(records - st.stored());
        assertThat(st.bytes()).isEqualTo(diskBytes());
        assertAccounting(st);
        System.out.printf("RELIABILITY g1 disk-use: max %d bytes of segments seen in %d samples while writing %d bytes;"
                + " bound max_bytes + segment_bytes = %d%n", maxSeen.get(), samples.get(),
                (long) records * recordBytes, bound);
    }

    /**
     * Guarantee 6: a journal with every kind of damage at once - a flipped bit, a zeroed length, a missing middle
     * segment, a sealed segment cut short, a torn tail after a crash, a foreign file, an unreadable head file and a
     * leftover temporary file - opens within 5 s, skips and counts exactly the damaged records, and reads on.
     */
    @Test
    void aJournalWithEveryKindOfDamageAtOnceOpensQuicklyAndReadsOn() throws Exception {
        Journal j = journal(SMALL);
        for (int i = 1; i <= 250; i += 50) { // seven segments, under the cap
            append(j, i, 50, 200);
            flush(j);
        }
        j.crash(); // leaves the last segment unsealed, as kill -9 would
        open.remove(j);
        List<long[]> sealed = new ArrayList<>();
        Path active = null;
        for (Path p : segmentFiles()) {
            long[] range = Segment.parse(p.getFileName().toString());
            if (range[1] < 0) {
                active = p;
            } else {
                sealed.add(range);
            }
        }
        assertThat(sealed).hasSizeGreaterThanOrEqualTo(5);
        assertThat(sealed.get(0)[0]).isEqualTo(1);
        assertThat(active).as("an unsealed segment after the crash").isNotNull();
        int rec = RecordCodec.size(200);
        long[] a = sealed.get(0);
        long[] b = sealed.get(1);
        long[] c = sealed.get(2);
        long[] d = sealed.get(3);
        try (RandomAccessFile f = new RandomAccessFile(sealedPath(a).toFile(), "rw")) {
            long pos = 2L * rec + RecordCodec.HEADER + 10; // inside the third record's payload
            f.seek(pos);
            int bit = f.read();
            f.seek(pos);
            f.write(bit ^ 0x10);
        }
        try (RandomAccessFile f = new RandomAccessFile(sealedPath(b).toFile(), "rw")) {
            f.seek(rec); // the second record's length
            f.writeInt(0);
        }
        Files.delete(sealedPath(c));
        try (RandomAccessFile f = new RandomAccessFile(sealedPath(d).toFile(), "rw")) {
            f.setLength(f.length() - 10);
        }
        long activeFirst = Segment.parse(active.getFileName().toString())[0];
        long activeRecords = Files.size(active) / rec;
        try (RandomAccessFile f = new RandomAccessFile(active.toFile(), "rw")) {
            f.setLength(f.length() - 10); // the last write torn
        }
        Files.writeString(dir.resolve("notes.txt"), "someone's file");
        Files.writeString(dir.resolve(Journal.HEAD), "#!garbage");
        Files.writeString(dir.resolve(Journal.CURSOR + ".tmp"), "12");
        long head = activeFirst + activeRecords - 2;
        long damagedAtOpen = c[1] - c[0] + 1;
        long damaged = 1 + (b[1] - b[0]) + damagedAtOpen + 1;

        long started = System.nanoTime();
        Journal again = journal(SMALL);
        long openNanos = System.nanoTime() - started;
        // The start time is a figure for docs/RELIABILITY.md, not an assertion: speed belongs in a benchmark.
        System.out.printf("RELIABILITY journal-damage-open: opened a journal with every kind of damage in %.1f ms%n",
                openNanos / 1e6);
        Journal.Stats s = again.stats();
        assertThat(s.head()).as("the torn last record was never counted as written").isEqualTo(head);
        assertThat(s.corrupt()).as("the missing segment, found at start").isEqualTo(damagedAtOpen);
        assertAccounting(s);

        JournalReader r = again.reader();
        List<JournalRecord> all = readAll(r);
        List<Long> expected = new ArrayList<>();
        for (long seq = 1; seq <= head; seq++) {
            boolean lost = seq == a[0] + 2 || (seq > b[0] && seq <= b[1]) || (seq >= c[0] && seq <= c[1]) || seq == d[1];
            if (!lost) {
                expected.add(seq);
            }
        }
        assertThat(all).extracting(JournalRecord::sequence).containsExactlyElementsOf(expected);
        for (JournalRecord record : all) {
            assertThat(new String(record.payload(), StandardCharsets.UTF_8)).startsWith("record-" + record.sequence() + "-");
        }
        s = again.stats();
        assertThat(s.corrupt()).isEqualTo(damaged);
        assertThat(s.dropped().get(DropReason.CORRUPT)).isEqualTo(damaged);
        assertThat(s.stored()).isEqualTo(expected.size());
        assertAccounting(s);
        assertThat(dir.resolve("notes.txt")).exists();

        append(again, (int) head + 1, 5, 200);
        flush(again);
        assertThat(readAll(r)).extracting(JournalRecord::sequence)
                .containsExactly(head + 1, head + 2, head + 3, head + 4, head + 5);
        r.acknowledge(head + 5);
        assertAccounting(again.stats());
        again.close();
        open.clear();

        Journal third = journal(SMALL);
        assertThat(third.stats().corrupt()).as("damage below the cursor is not counted again").isZero();
        assertThat(third.stats().head()).isEqualTo(head + 5);
        assertThat(third.stats().stored()).isZero();
        assertAccounting(third.stats());
        System.out.printf("RELIABILITY g6 damaged-start: opened in %.1f ms with %d records damaged or missing%n",
                openNanos / 1e6, damaged);
    }

    private Path sealedPath(long[] range) {
        return dir.resolve(Segment.sealedName(range[0], range[1]));
    }

    /** Segment bytes as a process outside the journal sees them; a file renamed while listing is counted once. */
    private long diskBytesNow() {
        Map<Long, Long> byFirst = new HashMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.seg")) {
            for (Path p : ds) {
                long[] range = Segment.parse(p.getFileName().toString());
                if (range == null) {
                    continue;
                }
                try {
                    byFirst.merge(range[0], Files.size(p), Math::max);
                } catch (NoSuchFileException gone) {
                    // deleted or renamed since the listing: its other name is counted or it no longer takes space
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byFirst.values().stream().mapToLong(Long::longValue).sum();
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
            await("the writer stuck in a " + call.name().toLowerCase())
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
