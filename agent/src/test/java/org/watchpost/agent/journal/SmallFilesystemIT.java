package org.watchpost.agent.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.agent.config.JournalSettings;
import org.watchpost.agent.e2e.Tmpfs;
import org.watchpost.agent.time.TimeSource;

/**
 * Guarantees 2 and 3 on a real filesystem: a 4 MiB tmpfs mounted by the test (root, as in CI), filled from outside
 * the journal until the kernel itself answers ENOSPC. Real time throughout: the journal retries a failed disk every
 * second, and the time it takes to write again once space returns is measured and printed as a {@code RELIABILITY}
 * line.
 */
class SmallFilesystemIT {
    private static final long FS_BYTES = 4 << 20;
    private static final int PAYLOAD = 1000;

    @TempDir
    Path tmp;
    private Tmpfs fs;
    private Journal journal;
    private long appended;

    @BeforeEach
    void mount() {
        fs = Tmpfs.mount(tmp.resolve("fs"), FS_BYTES);
    }

    @AfterEach
    void unmount() {
        try {
            if (journal != null) {
                journal.close();
            }
        } finally {
            fs.close();
        }
    }

    private Journal open(long keepFreeBytes) throws Exception {
        journal = Journal.open(fs.dir().resolve("journal"),
                new JournalSettings(1 << 20, 128 << 10, keepFreeBytes, Duration.ofDays(7), Duration.ofSeconds(1)),
                TimeSource.system(), JournalFiles.system());
        return journal;
    }

    /** What the probe path does: append and move on. Returns the stats right after, with the identity checked. */
    private Journal.Stats probe() {
        journal.append(JournalRecord.Type.CHECK_RESULT, new byte[PAYLOAD]);
        appended++;
        Journal.Stats s = journal.stats();
        assertAccounting(s);
        assertThat(s.produced()).as("every append is counted").isEqualTo(appended);
        return s;
    }

    /** {@code times} appends, at a pace the buffer takes (probes come seconds apart; a burst would be buffer_full). */
    private void probe(int times) throws InterruptedException {
        for (int i = 0; i < times; i++) {
            probe();
            if (i % 32 == 31) {
                assertThat(journal.flush(10, TimeUnit.SECONDS)).isTrue();
            }
        }
        assertThat(journal.flush(10, TimeUnit.SECONDS)).isTrue();
    }

    /**
     * Guarantee 3: the kernel's ENOSPC costs records, counted as {@code disk_full}, while appends keep returning; once
     * the space is back the journal writes again by itself, within 30 s (it retries every second).
     */
    @Test
    @Timeout(120)
    void aFullFilesystemDropsAsDiskFullAndWritingResumesWhenSpaceReturns() throws Exception {
        open(0);
        probe(100);
        assertThat(journal.flush(10, TimeUnit.SECONDS)).isTrue();
        assertThat(journal.stats().head()).isEqualTo(100);

        Path filler = fs.fill("filler");
        await("ENOSPC counted as disk_full").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> probe().dropped().get(DropReason.DISK_FULL) > 0);
        Journal.Stats full = journal.stats();
        probe(500); // a probe's worth of appends while full: each returns and is counted
        assertThat(journal.flush(10, TimeUnit.SECONDS)).isTrue();
        Journal.Stats stillFull = journal.stats();
        assertThat(stillFull.dropped().get(DropReason.DISK_FULL)).isGreaterThan(full.dropped().get(DropReason.DISK_FULL));
        assertThat(stillFull.dropped().get(DropReason.IO_ERROR)).as("ENOSPC is not an io_error").isZero();
        assertThat(stillFull.dropped().get(DropReason.KEEP_FREE)).isZero();

        Files.delete(filler);
        long freed = System.nanoTime();
        await("writing to resume").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> probe().head() > stillFull.head());
        long resumeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - freed);

        probe(50);
        assertThat(journal.flush(10, TimeUnit.SECONDS)).isTrue();
        Journal.Stats end = journal.stats();
        assertAccounting(end);
        List<JournalRecord> all = readAll();
        assertThat(all).hasSize((int) end.stored());
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).sequence()).as("sequences stay contiguous on disk").isEqualTo(i + 1);
        }
        System.out.printf("RELIABILITY g3 enospc: %d MiB tmpfs filled from outside; %d records dropped as disk_full, "
                        + "appends kept returning; writing resumed %d ms after the space returned%n", FS_BYTES >> 20,
                end.dropped().get(DropReason.DISK_FULL), resumeMillis);
    }

    /**
     * Guarantee 2: below keep_free_bytes nothing is written, so the journal never takes the last of the filesystem
     * (no ENOSPC at all); the records are counted as {@code keep_free}, and writing resumes once space is back.
     */
    @Test
    @Timeout(120)
    void belowTheKeepFreeFloorNothingIsWrittenAndWritingResumesAboveIt() throws Exception {
        open(2 << 20);
        probe(50);
        assertThat(journal.flush(10, TimeUnit.SECONDS)).isTrue();
        assertThat(journal.stats().head()).isEqualTo(50);

        Path filler = fs.fillLeaving("filler", 1 << 20); // free space below the 2 MiB floor, far from full
        await("the floor to apply").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> probe().dropped().get(DropReason.KEEP_FREE) > 0);
        assertThat(journal.flush(10, TimeUnit.SECONDS)).isTrue();
        Journal.Stats floor = journal.stats();
        long freeAtFloor = fs.usable();
        probe(300);
        assertThat(journal.flush(10, TimeUnit.SECONDS)).isTrue();
        Journal.Stats below = journal.stats();
        assertThat(below.head()).as("nothing written below the floor").isEqualTo(floor.head());
        assertThat(below.bytes()).isEqualTo(floor.bytes());
        assertThat(below.dropped().get(DropReason.KEEP_FREE) - floor.dropped().get(DropReason.KEEP_FREE))
                .isEqualTo(300);
        assertThat(below.dropped().get(DropReason.DISK_FULL)).as("the floor kept the disk from filling").isZero();
        assertThat(fs.usable()).as("free space left to others").isEqualTo(freeAtFloor);

        Files.delete(filler);
        long freed = System.nanoTime();
        await("writing to resume").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> probe().head() > below.head());
        long resumeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - freed);
        assertThat(journal.flush(10, TimeUnit.SECONDS)).isTrue();
        Journal.Stats end = journal.stats();
        assertAccounting(end);
        assertThat(readAll()).hasSize((int) end.stored());
        System.out.printf("RELIABILITY g2 keep-free: %d MiB tmpfs with %d KiB free under a 2 MiB floor: %d records "
                        + "dropped as keep_free, 0 bytes written, 0 disk_full; writing resumed %d ms after the space "
                        + "returned%n", FS_BYTES >> 20, freeAtFloor >> 10, end.dropped().get(DropReason.KEEP_FREE),
                resumeMillis);
    }

    private List<JournalRecord> readAll() throws Exception {
        List<JournalRecord> all = new ArrayList<>();
        try (JournalReader r = journal.reader()) {
            for (List<JournalRecord> b = r.next(1000, 1 << 24); !b.isEmpty(); b = r.next(1000, 1 << 24)) {
                all.addAll(b);
            }
        }
        return all;
    }

    private static void assertAccounting(Journal.Stats s) {
        assertThat(s.produced()).as("produced = acknowledged + stored + dropped in %s", s)
                .isEqualTo(s.acknowledged() + s.stored() + s.droppedTotal());
    }
}
