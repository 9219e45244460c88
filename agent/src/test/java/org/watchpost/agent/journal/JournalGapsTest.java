package org.watchpost.agent.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.agent.config.JournalSettings;
import org.watchpost.agent.time.FakeTimeSource;

/** The reader hands the forwarder every dropped range with its reason, so a report can declare it. */
class JournalGapsTest {
    @TempDir
    Path dir;
    private final FakeTimeSource time = new FakeTimeSource();
    private final List<Journal> open = new ArrayList<>();
    private static final JournalSettings SMALL = new JournalSettings(64 << 10, 8 << 10, 0, Duration.ofDays(7),
            Duration.ofSeconds(1));

    @AfterEach
    void close() {
        open.forEach(Journal::close);
    }

    private Journal journal() throws IOException {
        Journal j = Journal.open(dir, SMALL, time, JournalFiles.system());
        open.add(j);
        return j;
    }

    private static void append(Journal j, int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            j.append(JournalRecord.Type.CHECK_RESULT, ("record-" + i + "-".repeat(190)).getBytes(StandardCharsets.UTF_8));
        }
        assertThat(j.flush(5, TimeUnit.SECONDS)).isTrue();
    }

    private static List<JournalReader.Batch> readAll(JournalReader r) throws IOException {
        List<JournalReader.Batch> all = new ArrayList<>();
        for (JournalReader.Batch b = r.read(100, 1 << 20); !b.isEmpty(); b = r.read(100, 1 << 20)) {
            all.add(b);
        }
        return all;
    }

    @Test
    void aCapacityDropIsHandedOverWithItsReasonUntilAnAcknowledgementPassesIt() throws Exception {
        Journal j = journal();
        append(j, 100);
        JournalReader r = j.reader();
        readAll(r);
        r.acknowledge(50);
        append(j, 1000); // far more than the 64KiB cap: the oldest segments go, unforwarded records with them
        r.rewind();

        JournalReader.Batch first = r.read(100, 1 << 20);
        long oldestLeft = first.records().get(0).sequence();
        assertThat(first.skipped()).containsExactly(new Gap(51, oldestLeft - 1, DropReason.CAPACITY));
        assertThat(first.skipped().get(0).to() - 50).isEqualTo(j.stats().dropped().get(DropReason.CAPACITY));
        assertThat(first.last()).isEqualTo(first.records().get(first.records().size() - 1).sequence());

        r.rewind();
        assertThat(r.read(100, 1 << 20).skipped()).as("declared again after a failed delivery")
                .containsExactly(new Gap(51, oldestLeft - 1, DropReason.CAPACITY));

        r.acknowledge(first.last());
        r.rewind();
        assertThat(r.read(100, 1 << 20).skipped()).as("acknowledged: not declared again").isEmpty();
    }

    @Test
    void aSegmentMissingAfterARestartIsCorruptAndOneDroppedByAnEarlierRunIsUnknown() throws Exception {
        Journal j = journal();
        append(j, 200);
        j.close();
        open.clear();
        List<Path> segments;
        try (Stream<Path> files = Files.list(dir)) {
            segments = files.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().toList();
        }
        assertThat(segments.size()).isGreaterThanOrEqualTo(3);
        long[] first = Segment.parse(segments.get(0).getFileName().toString());
        long[] second = Segment.parse(segments.get(1).getFileName().toString());
        Files.delete(segments.get(0)); // what capacity or age deletions of an earlier run leave
        Files.delete(segments.get(1)); // now a hole between segments: damage
        Journal again = journal();
        JournalReader r = again.reader();
        List<Gap> skipped = new ArrayList<>();
        readAll(r).forEach(b -> skipped.addAll(b.skipped()));
        assertThat(skipped).as("both holes lie below the first segment left: an earlier run's drops")
                .containsExactly(new Gap(first[0], second[1], null));
        assertThat(skipped.get(0).label()).isEqualTo("unknown");
    }

    @Test
    void aHoleBetweenSegmentsIsDeclaredCorrupt() throws Exception {
        Journal j = journal();
        append(j, 200);
        j.close();
        open.clear();
        List<Path> segments;
        try (Stream<Path> files = Files.list(dir)) {
            segments = files.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().toList();
        }
        long[] hole = Segment.parse(segments.get(1).getFileName().toString());
        Files.delete(segments.get(1));
        JournalReader r = journal().reader();
        List<Gap> skipped = new ArrayList<>();
        readAll(r).forEach(b -> skipped.addAll(b.skipped()));
        assertThat(skipped).containsExactly(new Gap(hole[0], hole[1], DropReason.CORRUPT));
        assertThat(skipped.get(0).label()).isEqualTo("corrupt");
    }

    @Test
    void gapsKeepTheReasonOfWhatWasDroppedFirstAndMergeOnlyLikeReasons() {
        Gaps g = new Gaps();
        assertThat(g.add(10, 19, DropReason.CAPACITY)).isEqualTo(10);
        assertThat(g.add(20, 29, DropReason.CAPACITY)).isEqualTo(10);
        assertThat(g.add(15, 34, DropReason.CORRUPT)).as("only 30..34 are new").isEqualTo(5);
        assertThat(g.size()).isEqualTo(2);
        assertThat(g.runAt(12)).containsExactly(new Gap(12, 29, DropReason.CAPACITY),
                new Gap(30, 34, DropReason.CORRUPT));
        assertThat(g.runAt(35)).isEmpty();
        assertThat(g.count(0, 100)).isEqualTo(25);
        g.pruneUpTo(29);
        assertThat(g.runAt(30)).containsExactly(new Gap(30, 34, DropReason.CORRUPT));
    }
}
