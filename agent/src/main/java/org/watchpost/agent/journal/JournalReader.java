package org.watchpost.agent.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the journal in sequence order from the persisted cursor. {@link #next} delivers records after the last one
 * delivered; {@link #acknowledge} moves the cursor when the collector has them, and only then: a crash or a refused
 * batch means they are delivered again (the collector de-duplicates by agent and sequence).
 *
 * <p>Memory and open files do not depend on the backlog: one segment is open at a time and a batch is bounded by the
 * caller. Damaged or missing records are skipped and counted once, never delivered.
 *
 * <p>Not thread-safe: one reader, one forwarder thread.
 */
public final class JournalReader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JournalReader.class);

    private final Journal journal;
    private long delivered;
    private Path openPath;
    private FileChannel open;
    private long openPosition;
    private long openFirst;

    JournalReader(Journal journal) {
        this.journal = journal;
        this.delivered = journal.cursor();
    }

    /** The last sequence the collector acknowledged. */
    public long cursor() {
        return journal.cursor();
    }

    /** Starts again from the cursor: what was delivered and not acknowledged will be delivered again. */
    public void rewind() {
        delivered = journal.cursor();
        closeOpen();
    }

    /**
     * What one read returns: records in sequence order, and the gaps among them (and before them) that will never be
     * delivered, each with its reason, so that a report can declare them.
     */
    public record Batch(List<JournalRecord> records, List<Gap> skipped) {
        public Batch {
            records = List.copyOf(records);
            skipped = List.copyOf(skipped);
        }

        /** The last sequence this batch accounts for, by a record or a gap; 0 when it accounts for none. */
        public long last() {
            long last = records.isEmpty() ? 0 : records.get(records.size() - 1).sequence();
            return skipped.isEmpty() ? last : Math.max(last, skipped.get(skipped.size() - 1).to());
        }

        public boolean isEmpty() {
            return records.isEmpty() && skipped.isEmpty();
        }
    }

    /**
     * Up to {@code maxRecords} records (and about {@code maxBytes} of payload) after the last delivered one, in
     * order; empty when the reader has caught up with what is written.
     */
    public List<JournalRecord> next(int maxRecords, long maxBytes) throws IOException {
        return read(maxRecords, maxBytes).records();
    }

    /**
     * Like {@link #next}, with the gaps skipped on the way: sequences dropped for capacity or age, or found damaged.
     * After {@link #rewind} the same gaps are reported again until an acknowledgement passes them.
     */
    public Batch read(int maxRecords, long maxBytes) throws IOException {
        List<JournalRecord> out = new ArrayList<>();
        List<Gap> skipped = new ArrayList<>();
        long bytes = 0;
        Journal.View view = journal.view();
        while (out.size() < maxRecords && bytes < maxBytes) {
            long expected = delivered + 1;
            if (expected > view.written()) {
                break;
            }
            List<Gap> run = journal.gapsAt(expected);
            if (!run.isEmpty()) {
                addAll(skipped, run, Long.MAX_VALUE);
                delivered = run.get(run.size() - 1).to();
                continue;
            }
            Segment seg = segmentFor(view, expected);
            if (seg == null) {
                // Neither on disk nor known lost: the segment vanished. Count it once and move on.
                long resume = nextFirstAfter(view, expected);
                long to = resume < 0 ? view.written() : resume - 1;
                journal.lost(expected, to);
                continue; // now a gap: the next turn reports it
            }
            JournalRecord r = readNext(seg, expected, view);
            if (r == null) {
                if (!seg.sealed) {
                    break; // caught up with the writer
                }
                journal.lost(expected, seg.last); // a sealed segment that ends early
                closeOpen();
                continue;
            }
            if (r.sequence() > expected) {
                journal.lost(expected, r.sequence() - 1);
                addAll(skipped, journal.gapsAt(expected), r.sequence() - 1);
            }
            delivered = r.sequence();
            out.add(r);
            bytes += r.payload().length;
        }
        return new Batch(out, skipped);
    }

    /** Appends {@code run}, cut at {@code upTo}, merging a gap that continues the last one for the same reason. */
    private static void addAll(List<Gap> into, List<Gap> run, long upTo) {
        for (Gap g : run) {
            if (g.from() > upTo) {
                break;
            }
            Gap cut = g.to() > upTo ? new Gap(g.from(), upTo, g.reason()) : g;
            Gap prev = into.isEmpty() ? null : into.get(into.size() - 1);
            if (prev != null && prev.to() + 1 == cut.from() && java.util.Objects.equals(prev.reason(), cut.reason())) {
                into.set(into.size() - 1, new Gap(prev.from(), cut.to(), cut.reason()));
            } else {
                into.add(cut);
            }
        }
    }

    /**
     * The collector has every record up to {@code sequence}: the cursor moves there and is persisted.
     *
     * @throws IllegalArgumentException if {@code sequence} was never delivered
     */
    public void acknowledge(long sequence) {
        if (sequence > delivered) {
            throw new IllegalArgumentException("cannot acknowledge " + sequence + ": only up to " + delivered
                    + " was delivered");
        }
        journal.acknowledge(sequence);
    }

    @Override
    public void close() {
        closeOpen();
    }

    private static Segment segmentFor(Journal.View view, long sequence) {
        for (Segment s : view.segments()) {
            if (sequence >= s.first && (sequence <= s.last || !s.sealed)) {
                return s;
            }
        }
        return null;
    }

    private static long nextFirstAfter(Journal.View view, long sequence) {
        for (Segment s : view.segments()) {
            if (s.first > sequence) {
                return s.first;
            }
        }
        return -1;
    }

    /** The first good record with sequence >= expected in {@code seg}, or null at the end of readable data. */
    private JournalRecord readNext(Segment seg, long expected, Journal.View view) throws IOException {
        if (open == null || openFirst != seg.first || !seg.path.equals(openPath)) {
            closeOpen();
            try {
                open = journal.files().openRead(seg.path);
            } catch (IOException e) {
                log.warn("cannot open journal segment {}: {}", seg.path.getFileName(), e.getMessage());
                return null;
            }
            openPath = seg.path;
            openFirst = seg.first;
            openPosition = 0;
        }
        long limit = seg.sealed ? open.size() : Math.min(open.size(), view.activeReadable());
        while (true) {
            RecordCodec.Read r = RecordCodec.read(open, openPosition, limit, journal.maxPayload());
            if (r instanceof RecordCodec.Good g) {
                openPosition = g.next();
                if (g.record().sequence() >= expected) {
                    return g.record();
                }
            } else if (r instanceof RecordCodec.Bad b && b.next() >= 0) {
                openPosition = b.next(); // counted when the next good record shows the jump
            } else {
                if (r instanceof RecordCodec.Bad) {
                    openPosition = limit; // nothing further in this segment can be found
                }
                return null;
            }
        }
    }

    private void closeOpen() {
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                log.debug("closing {} failed", openPath, e);
            }
        }
        open = null;
        openPath = null;
    }
}
