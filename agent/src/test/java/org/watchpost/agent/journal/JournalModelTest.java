package org.watchpost.agent.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.watchpost.agent.config.JournalSettings;
import org.watchpost.agent.time.FakeTimeSource;

/**
 * The journal against a model of what it promises: random sequences of append, flush, read, acknowledge, crash
 * ({@code kill -9}: the writer stops, the buffer is lost, the page cache keeps what was written) and restart. After
 * every step the journal's accounting, head, cursor, segments and bytes equal the model's, and every record read is the
 * model's record of that sequence number.
 *
 * <p>The model lays records out the way the journal promises to: a segment is filled until the next record would not
 * fit, and before a record that would take the journal over {@code max_bytes} the oldest sealed segments go, their
 * unacknowledged records counted as {@code capacity}. While records are still buffered the writer's progress is not
 * known, so the check is then a range, and exact again after the next flush.
 */
class JournalModelTest {
    private static final JournalSettings SETTINGS = new JournalSettings(4 << 10, 512, 0, Duration.ofDays(7),
            Duration.ofSeconds(1));

    sealed interface Op permits Append, Flush, Read, Acknowledge, Crash, Restart {
    }

    record Append(int count, int size) implements Op {
    }

    record Flush() implements Op {
    }

    /** Reads up to {@code max} records after the last one delivered. */
    record Read(int max) implements Op {
    }

    /** Acknowledges this share of what was delivered and not yet acknowledged. */
    record Acknowledge(int percent) implements Op {
    }

    record Crash() implements Op {
    }

    record Restart() implements Op {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> append = Combinators.combine(Arbitraries.integers().between(1, 20),
                Arbitraries.integers().between(1, 120)).as(Append::new);
        Arbitrary<Op> read = Arbitraries.integers().between(1, 60).map(Read::new);
        Arbitrary<Op> ack = Arbitraries.integers().between(1, 100).map(Acknowledge::new);
        return Arbitraries.frequencyOf(
                Tuple.of(8, append),
                Tuple.of(2, Arbitraries.just(new Flush())),
                Tuple.of(4, read),
                Tuple.of(3, ack),
                Tuple.of(1, Arbitraries.just(new Crash())),
                Tuple.of(1, Arbitraries.just(new Restart()))).list().ofMinSize(3).ofMaxSize(50);
    }

    @Property(tries = 250)
    void theJournalBehavesLikeItsModel(@ForAll("operations") List<Op> ops) throws Exception {
        Path dir = Files.createTempDirectory("journal-model");
        Run run = new Run(dir);
        try {
            for (int i = 0; i < ops.size(); i++) {
                Op op = ops.get(i);
                run.apply(op);
                run.check("after step " + (i + 1) + " " + op);
            }
            run.finish();
            Statistics.label("oldest segments trimmed").collect(run.trimmed);
            Statistics.label("buffered records lost in a crash").collect(run.lostInCrash);
        } finally {
            run.close();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** One record as the model knows it. */
    private record Rec(long id, byte[] payload) {
        int bytes() {
            return RecordCodec.size(payload.length);
        }
    }

    /** One segment as the model lays it out. */
    private static final class Seg {
        final long first;
        long last;
        long bytes;
        boolean sealed;

        Seg(long first) {
            this.first = first;
            this.last = first - 1;
        }
    }

    /** The model and the journal under test, driven side by side. */
    private static final class Run {
        private final Path dir;
        private final FakeTimeSource time = new FakeTimeSource();
        private final FaultyFiles files = new FaultyFiles();
        private Journal journal;
        private JournalReader reader;
        private long nextId = 1;

        // The model: what is on disk survives restarts; the counters are per run, like the journal's.
        private final List<Rec> pending = new ArrayList<>();
        private long pendingBytes;
        private final TreeMap<Long, Rec> alive = new TreeMap<>();
        private final List<Seg> segments = new ArrayList<>();
        private long totalBytes;
        private long head;
        private long cursor;
        private long delivered;
        private long produced;
        private long acknowledged;
        private long capacityDropped;
        boolean trimmed;
        boolean lostInCrash;

        Run(Path dir) throws IOException {
            this.dir = dir;
            files.fsync.set(false);
            open();
        }

        private void open() throws IOException {
            journal = Journal.open(dir, SETTINGS, time, files);
            reader = journal.reader();
        }

        void apply(Op op) throws Exception {
            if (op instanceof Append a) {
                long bytes = (long) a.count() * RecordCodec.size(a.size());
                if (pendingBytes + bytes > journal.bufferCapacity()) {
                    flush(); // the buffer never overflows here, so no record is dropped for buffer_full
                }
                for (int i = 0; i < a.count(); i++) {
                    Rec r = new Rec(nextId, payload(nextId, a.size()));
                    nextId++;
                    journal.append(JournalRecord.Type.CHECK_RESULT, r.payload());
                    pending.add(r);
                    pendingBytes += r.bytes();
                    produced++;
                }
            } else if (op instanceof Flush) {
                flush();
            } else if (op instanceof Read rd) {
                read(rd.max());
            } else if (op instanceof Acknowledge ack) {
                flush(); // what the writer trims while the cursor moves would otherwise depend on timing
                long upTo = cursor + (delivered - cursor) * ack.percent() / 100;
                if (upTo > cursor) {
                    reader.acknowledge(upTo);
                    acknowledged += alive.subMap(cursor, false, upTo, true).size();
                    cursor = upTo;
                }
            } else if (op instanceof Crash) {
                journal.crash();
                open();
                long written = journal.stats().head() - head;
                assertThat(written).as("after a crash, the records on disk are those written, in order: a prefix of "
                        + "the %d buffered", pending.size()).isBetween(0L, (long) pending.size());
                lostInCrash |= written < pending.size();
                writePending((int) written);
                restarted();
            } else if (op instanceof Restart) {
                journal.close();
                writePending(pending.size());
                open();
                restarted();
            }
        }

        private void flush() throws InterruptedException {
            assertThat(journal.flush(10, TimeUnit.SECONDS)).as("flushed").isTrue();
            writePending(pending.size());
        }

        private void read(int max) throws IOException {
            boolean exact = pending.isEmpty();
            List<JournalRecord> got = reader.next(max, Long.MAX_VALUE);
            if (exact) {
                List<Long> want = alive.tailMap(delivered, false).keySet().stream().limit(max).toList();
                assertThat(got).extracting(JournalRecord::sequence).as("records read after %d", delivered)
                        .containsExactlyElementsOf(want);
            }
            long last = delivered;
            for (JournalRecord r : got) {
                assertThat(r.sequence()).as("sequences increase").isGreaterThan(last);
                Rec expected = r.sequence() <= head ? alive.get(r.sequence())
                        : r.sequence() - head <= pending.size() ? pending.get((int) (r.sequence() - head - 1)) : null;
                assertThat(expected).as("record %d exists in the model", r.sequence()).isNotNull();
                assertThat(r.payload()).as("payload of record %d", r.sequence()).isEqualTo(expected.payload());
                last = r.sequence();
            }
            delivered = last;
        }

        /** A clean or crashed run ended: the open segment is sealed by close or by recovery, the counters restart. */
        private void restarted() {
            pending.clear();
            pendingBytes = 0;
            if (!segments.isEmpty()) {
                segments.get(segments.size() - 1).sealed = true;
            }
            produced = alive.tailMap(cursor, false).size();
            acknowledged = 0;
            capacityDropped = 0;
            delivered = cursor;
            reader = journal.reader();
        }

        /** The first {@code n} pending records reach the disk, laid out as the journal promises. */
        private void writePending(int n) {
            for (Rec r : pending.subList(0, n)) {
                int size = r.bytes();
                Seg active = segments.isEmpty() || segments.get(segments.size() - 1).sealed ? null
                        : segments.get(segments.size() - 1);
                if (active != null && active.bytes > 0 && active.bytes + size > SETTINGS.segmentBytes()) {
                    active.sealed = true;
                    active = null;
                }
                while (totalBytes + size > SETTINGS.maxBytes()) {
                    Seg oldest = segments.stream().filter(s -> s.sealed).findFirst().orElse(null);
                    if (oldest == null) {
                        break;
                    }
                    segments.remove(oldest);
                    trimmed = true;
                    totalBytes -= oldest.bytes;
                    for (long seq = oldest.first; seq <= oldest.last; seq++) {
                        if (alive.remove(seq) != null && seq > cursor) {
                            capacityDropped++;
                        }
                    }
                }
                if (active == null) {
                    active = new Seg(head + 1);
                    segments.add(active);
                }
                head++;
                active.last = head;
                active.bytes += size;
                totalBytes += size;
                alive.put(head, r);
            }
            pending.subList(0, n).clear();
            pendingBytes = pending.stream().mapToLong(Rec::bytes).sum();
        }

        void check(String when) throws IOException {
            Journal.Stats s = journal.stats();
            assertThat(s.produced()).as("produced = acknowledged + stored + dropped %s: %s", when, s)
                    .isEqualTo(s.acknowledged() + s.stored() + s.droppedTotal());
            assertThat(s.produced()).as("produced %s", when).isEqualTo(produced);
            assertThat(s.acknowledged()).as("acknowledged %s", when).isEqualTo(acknowledged);
            assertThat(s.cursor()).as("cursor %s", when).isEqualTo(cursor);
            assertThat(s.corrupt()).as("corrupt %s", when).isZero();
            for (Map.Entry<DropReason, Long> e : s.dropped().entrySet()) {
                if (e.getKey() != DropReason.CAPACITY) {
                    assertThat(e.getValue()).as("dropped %s %s", e.getKey().label(), when).isZero();
                }
            }
            if (!pending.isEmpty()) {
                assertThat(s.head()).as("head %s, with %d records buffered", when, pending.size())
                        .isBetween(head, head + pending.size());
                assertThat(s.dropped().get(DropReason.CAPACITY)).as("capacity drops %s", when)
                        .isGreaterThanOrEqualTo(capacityDropped);
                return;
            }
            assertThat(s.head()).as("head %s", when).isEqualTo(head);
            assertThat(s.stored()).as("stored %s", when).isEqualTo(alive.tailMap(cursor, false).size());
            assertThat(s.buffered()).as("buffered %s", when).isZero();
            assertThat(s.dropped().get(DropReason.CAPACITY)).as("capacity drops %s", when).isEqualTo(capacityDropped);
            assertThat(s.segments()).as("segments %s", when).isEqualTo(segments.size());
            assertThat(s.bytes()).as("bytes %s", when).isEqualTo(totalBytes);
            long filesBytes = 0;
            int files = 0;
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.seg")) {
                for (Path p : ds) {
                    files++;
                    filesBytes += Files.size(p);
                }
            }
            assertThat(files).as("segment files %s", when).isEqualTo(segments.size());
            assertThat(filesBytes).as("segment bytes on disk %s", when).isEqualTo(totalBytes);
        }

        /** Everything the model holds after the cursor can be read, in order, and nothing else. */
        void finish() throws Exception {
            flush();
            read(Integer.MAX_VALUE);
            reader.rewind();
            delivered = cursor;
            read(Integer.MAX_VALUE);
            check("at the end");
        }

        void close() {
            reader.close();
            journal.close();
        }

        private static byte[] payload(long id, int size) {
            byte[] tag = ("r" + id + ":").getBytes(StandardCharsets.UTF_8);
            byte[] b = new byte[size];
            for (int i = 0; i < size; i++) {
                b[i] = tag[i % tag.length];
            }
            return b;
        }
    }
}
