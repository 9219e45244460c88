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
     * Up to {@code maxRecords} records (and about {@code maxBytes} of payload) after the last delivered one, in
     * order; empty when the reader has caught up with what is written.
     */
    public List<JournalRecord> next(int maxRecords, long maxBytes) throws IOException {
        List<JournalRecord> out = new ArrayList<>();
        long bytes = 0;
        Journal.View view = journal.view();
        while (out.size() < maxRecords && bytes < maxBytes) {
            long expected = delivered + 1;
            if (expected > view.written()) {
                break;
            }
            long gapEnd = journal.skipGap(expected);
            if (gapEnd >= expected) {
                delivered = gapEnd;
                continue;
            }
            Segment seg = segmentFor(view, expected);
            if (seg == null) {
                // Neither on disk nor known lost: the segment vanished. Count it once and move on.
                long resume = nextFirstAfter(view, expected);
                long to = resume < 0 ? view.written() : resume - 1;
                journal.lost(expected, to);
                delivered = to;
                continue;
            }
            JournalRecord r = readNext(seg, expected, view);
            if (r == null) {
                if (!seg.sealed) {
                    break; // caught up with the writer
                }
                journal.lost(expected, seg.last); // a sealed segment that ends early
                delivered = seg.last;
                closeOpen();
                continue;
            }
            if (r.sequence() > expected) {
                journal.lost(expected, r.sequence() - 1);
            }
            delivered = r.sequence();
            out.add(r);
            bytes += r.payload().length;
        }
        return out;
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
