package org.watchpost.agent.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.agent.config.JournalSettings;
import org.watchpost.agent.time.FakeTimeSource;

/**
 * Faults of the journal's directory, each found by trying it as a user would: two agents on one directory, files that
 * look like segments but are not, a cursor beyond the head, damage already there at start, the directory deleted
 * or unwritable under a running agent. None may stop the agent, and none may lose a record without counting it.
 */
class JournalFaultsTest {
    @TempDir
    Path root;
    private Path dir;
    private final FakeTimeSource time = new FakeTimeSource();
    private final List<AutoCloseable> open = new ArrayList<>();

    private static final JournalSettings SMALL = new JournalSettings(64 << 10, 8 << 10, 0, Duration.ofDays(7),
            Duration.ofSeconds(1));

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private Journal journal() throws IOException {
        if (dir == null) {
            dir = root.resolve("journal");
        }
        Journal j = Journal.open(dir, SMALL, time, JournalFiles.system());
        open.add(j);
        return j;
    }

    private static void append(Journal j, int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            j.append(JournalRecord.Type.CHECK_RESULT, ("record-" + i + "-" + "x".repeat(180))
                    .getBytes(StandardCharsets.UTF_8));
        }
        assertThat(j.flush(5, TimeUnit.SECONDS)).isTrue();
    }

    private static void assertAccounting(Journal.Stats s) {
        assertThat(s.produced()).as("produced = acknowledged + stored + dropped in %s", s)
                .isEqualTo(s.acknowledged() + s.stored() + s.droppedTotal());
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> Segment.parse(p.getFileName().toString()) != null && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(Path::toString)).toList();
        }
    }

    private Journal closedJournalWith(int records) throws Exception {
        Journal j = journal();
        append(j, records);
        j.close();
        open.remove(j);
        return j;
    }

    @Test
    void aSecondAgentOnTheSameDataDirectoryIsRefusedWithTheDirectoryNamed() throws Exception {
        DataDirLock first = DataDirLock.acquire(root);
        open.add(first);
        assertThat(first.held()).isTrue();
        assertThatThrownBy(() -> DataDirLock.acquire(root))
                .isInstanceOf(DataDirLock.InUseException.class)
                .hasMessageContaining(root.toAbsolutePath().toString())
                .hasMessageContaining("pid " + ProcessHandle.current().pid());
        first.close();
        open.remove(first);
        try (DataDirLock again = DataDirLock.acquire(root)) {
            assertThat(again.held()).as("released by close, as by the death of the process").isTrue();
        }
    }

    @Test
    void anotherProcessHoldingTheLockIsNamedByItsPid() throws Exception {
        try (ChildJvm child = ChildJvm.start(root, List.of("-Xmx32m"), LockHolderChild.class, root.toString())) {
            child.await("locked", Duration.ofSeconds(30));
            assertThatThrownBy(() -> DataDirLock.acquire(root))
                    .isInstanceOf(DataDirLock.InUseException.class)
                    .hasMessageContaining(root.toAbsolutePath().toString())
                    .hasMessageContaining("pid " + child.pid());
            child.kill();
        }
        try (DataDirLock after = DataDirLock.acquire(root)) {
            assertThat(after.held()).as("kill -9 released it: a stale lock file never blocks a restart").isTrue();
        }
    }

    @Test
    void namesLikeSegmentsThatCannotBeOnesAreSkippedAndCountedNeverAdopted() throws Exception {
        closedJournalWith(20);
        // A number past Long.MAX_VALUE, a directory with a segment's name, and zero-filled files named like late
        // segments, sealed and active: each stopped the agent or moved its head to 9.2e18 before.
        Files.writeString(dir.resolve("99999999999999999999.seg"), "x");
        Files.createDirectory(dir.resolve("00000000000000000500-00000000000000000600.seg"));
        Files.write(dir.resolve("09000000000000000000-09100000000000000000.seg"), new byte[4096]);
        Files.write(dir.resolve("09000000000000000001-09000000000000000002.seg"), new byte[4096]);
        Files.write(dir.resolve("09200000000000000000.seg"), new byte[4096]);

        Journal j = journal();
        Journal.Stats s = j.stats();
        assertThat(s.head()).as("the head stays where the journal wrote it").isEqualTo(20);
        assertThat(s.fault(JournalFault.FOREIGN_FILE)).isEqualTo(5);
        assertThat(s.segments()).isEqualTo(1);
        assertThat(s.corrupt()).isZero();
        assertAccounting(s);
        assertThat(dir.resolve("09200000000000000000.seg")).as("a foreign file is left alone").hasSize(4096);

        List<JournalRecord> read = j.reader().next(100, 1 << 20);
        assertThat(read).extracting(JournalRecord::sequence).startsWith(1L).endsWith(20L).hasSize(20);
        append(j, 1);
        assertThat(j.stats().head()).isEqualTo(21);
        System.out.printf("RELIABILITY foreign-files: 5 files named like segments skipped and counted, head %d, "
                + "20 records read%n", j.stats().head());
    }

    @Test
    void aCursorBeyondTheHeadIsRejectedAndNothingUnacknowledgedIsLost() throws Exception {
        closedJournalWith(30);
        Files.writeString(dir.resolve(Journal.CURSOR), "1000000\n");

        Journal j = journal();
        Journal.Stats s = j.stats();
        assertThat(s.fault(JournalFault.CURSOR_REJECTED)).isEqualTo(1);
        assertThat(s.cursor()).as("delivering again from the oldest record kept").isZero();
        assertThat(s.stored()).as("every record is still to be delivered").isEqualTo(30);
        assertThat(s.acknowledged()).isZero();
        assertAccounting(s);
        assertThat(j.reader().next(100, 1 << 20)).hasSize(30);
    }

    @Test
    void damageAlreadyOnDiskIsCountedAtStartNotOnlyWhenAReaderPasses() throws Exception {
        closedJournalWith(120);
        List<Path> segments = segmentFiles();
        assertThat(segments).hasSizeGreaterThanOrEqualTo(3);
        int rec = RecordCodec.size(("record-0-" + "x".repeat(180)).length());
        try (RandomAccessFile f = new RandomAccessFile(segments.get(0).toFile(), "rw")) {
            long pos = rec + RecordCodec.HEADER + 5; // inside the second record's payload
            f.seek(pos);
            int b = f.read();
            f.seek(pos);
            f.write(b ^ 0x04);
        }
        try (RandomAccessFile f = new RandomAccessFile(segments.get(1).toFile(), "rw")) {
            f.setLength(f.length() - 10); // its last record cut
        }

        Journal j = journal();
        assertThat(j.stats().corrupt()).as("sealed segments are not read while opening").isZero();
        long found = j.verify();
        assertThat(found).isEqualTo(2);
        assertThat(j.stats().corrupt()).isEqualTo(2);
        assertThat(j.stats().stored()).isEqualTo(118);
        assertAccounting(j.stats());
        assertThat(j.verify()).as("counted once").isZero();
        assertThat(j.reader().next(1000, 8 << 20)).hasSize(118);
        assertThat(j.stats().corrupt()).as("the reader does not count them again").isEqualTo(2);
    }

    @Test
    void theDirectoryDeletedUnderARunningJournalIsNoticedRecreatedAndCounted() throws Exception {
        Journal j = journal();
        append(j, 100);
        Journal.Stats before = j.stats();
        assertThat(before.segments()).isGreaterThan(1);

        deleteTree(dir);
        time.advance(Duration.ofSeconds(1));
        append(j, 5);
        await().atMost(Duration.ofSeconds(10)).until(() -> j.stats().fault(JournalFault.DIRECTORY_LOST) == 1);

        Journal.Stats s = j.stats();
        assertThat(dir).as("recreated").isDirectory();
        assertThat(s.corrupt()).as("the records that were in the deleted segments").isGreaterThanOrEqualTo(100);
        assertThat(s.head()).as("sequence numbers go on").isGreaterThanOrEqualTo(100);
        assertAccounting(s);
        time.advance(Duration.ofSeconds(1));
        append(j, 5);
        await().atMost(Duration.ofSeconds(10)).until(() -> j.stats().head() == 110);
        s = j.stats();
        assertThat(s.segments()).as("no phantom segments: only what is on disk now").isEqualTo(segmentFiles().size());
        assertThat(s.bytes()).isEqualTo(diskBytes());
        assertThat(s.stored()).as("what was written after the loss is kept").isEqualTo(110 - s.corrupt());
        assertAccounting(s);
        List<JournalRecord> read = j.reader().next(1000, 8 << 20);
        assertThat(read).extracting(JournalRecord::sequence).last().isEqualTo(110L);
        System.out.printf("RELIABILITY dir-deleted: %d records lost with the directory, counted corrupt; %d written "
                + "after it was recreated, read back%n", s.corrupt(), read.size());
    }

    @Test
    void aDirectoryThatCannotBeCreatedDoesNotStopTheStartAndWritingResumesWhenItCan() throws Exception {
        Path blocker = root.resolve("data");
        Files.writeString(blocker, "a file where the data directory should be");
        dir = blocker.resolve("journal");
        Journal j = journal(); // threw "Not a directory" before: the agent refused to start
        append(j, 10);
        Journal.Stats s = j.stats();
        assertThat(s.dropped().get(DropReason.IO_ERROR)).as("every record counted").isEqualTo(10);
        assertAccounting(s);

        Files.delete(blocker);
        Files.createDirectory(blocker);
        time.advance(Duration.ofSeconds(2));
        append(j, 10);
        await().atMost(Duration.ofSeconds(10)).until(() -> j.stats().head() == 10);
        assertThat(segmentFiles()).isNotEmpty();
        assertThat(j.stats().fault(JournalFault.DIRECTORY_LOST)).as("it never existed: nothing was lost").isZero();
        assertAccounting(j.stats());
    }

    private long diskBytes() throws IOException {
        long total = 0;
        for (Path p : segmentFiles()) {
            total += Files.size(p);
        }
        return total;
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> all = Files.walk(p)) {
            for (Path x : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
