package org.watchpost.agent.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchpost.agent.config.JournalSettings;
import org.watchpost.agent.time.TimeSource;

/**
 * The agent's own store: an append-only log of check results and state changes in segments under
 * {@code data_dir/journal/}, and the outbox to the collector. It must never become the founding case's
 * {@code watchdog} table, so:
 * <ul>
 *   <li>its disk use stays within {@code max_bytes} plus one segment: when full, the oldest segment goes, forwarded or
 *       not, and what was not forwarded is counted ({@code capacity}); records past {@code max_age} go too ({@code age});</li>
 *   <li>it never writes when the filesystem has less than {@code keep_free_bytes} free ({@code keep_free});</li>
 *   <li>{@link #append} never waits on the disk: a buffer bounded in bytes sits in front of one writer thread, and a
 *       record that does not fit is dropped and counted ({@code buffer_full}); a failing disk ({@code disk_full},
 *       {@code io_error}) costs records, never a probe, and writing resumes by itself when the disk recovers;</li>
 *   <li>every record carries a CRC; damage found on start or while reading is skipped and counted ({@code corrupt}), so
 *       a bad file never causes a crash loop;</li>
 *   <li>accounting is exact at every moment: produced = acknowledged + stored + Σ dropped (see {@link Stats}).</li>
 * </ul>
 * Sequence numbers start at 1, are contiguous on disk and survive restarts; the reader's cursor is persisted and
 * advances only when the collector acknowledges.
 *
 * <pre>{@code
 * Journal journal = Journal.open(dataDir.resolve("journal"), config.journal(), TimeSource.system(), JournalFiles.system());
 * journal.append(JournalRecord.Type.CHECK_RESULT, json);   // never blocks
 * }</pre>
 */
public final class Journal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    static final String CURSOR = "cursor";
    static final String HEAD = "head";
    /** No single record may exceed this (or a quarter of a segment): a result with findings is a few KiB. */
    static final int MAX_PAYLOAD = 1 << 20;
    private static final long RETRY_AFTER_FAILURE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long FREE_SPACE_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long AGE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int WRITE_CHUNK = 256 << 10;

    private final Path dir;
    private final JournalSettings settings;
    private final TimeSource time;
    private final JournalFiles files;
    private final int maxPayload;
    private final long bufferCapacity;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition idle = lock.newCondition();

    // Guarded by lock: the buffer, the segment list, positions and every counter.
    private final ArrayDeque<Pending> buffer = new ArrayDeque<>();
    private long bufferedBytes;
    private int inFlight;
    private final List<Segment> segments = new ArrayList<>();
    private long written;
    private long cursor;
    private final Gaps gaps = new Gaps();
    private long produced;
    private long acknowledged;
    private long corrupt;
    private final Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
    private final Map<JournalFault, Long> faults = new EnumMap<>(JournalFault.class);
    private long totalBytes;
    private boolean closing;
    private boolean crashed;

    // Writer thread only.
    private JournalFiles.AppendFile activeFile;
    private long failingUntil;
    private DropReason failReason;
    private long lastFreeCheck = Long.MIN_VALUE;
    private boolean freeOk = true;
    private long lastFsync;
    private boolean dirty;
    private long lastAgeCheck;
    private long lastDirectoryCheck = Long.MIN_VALUE;
    /** The directory was there (or was made) at least once, so its disappearance is a loss, not a first start. */
    private boolean directorySeen;
    private final Thread writer;

    /** Size of the active segment that the reader may read: everything written and not being rewritten. */
    private volatile long activeReadable;

    private record Pending(long timestamp, JournalRecord.Type type, byte[] payload) {
        int size() {
            return RecordCodec.size(payload.length);
        }
    }

    /**
     * Counters at one instant, taken under the journal's lock so they always add up:
     * {@code produced == acknowledged + stored + Σ dropped}.
     *
     * @param produced     records appended in this run, plus those found on disk at start (unacknowledged or damaged)
     * @param acknowledged records the collector acknowledged
     * @param stored       records kept and not yet acknowledged: buffered, being written, or on disk
     * @param buffered     of those, waiting in memory for the writer
     * @param dropped      records that will never be delivered, by reason
     * @param corrupt      records found damaged or missing (also in {@code dropped.corrupt})
     * @param bytes        disk bytes of all segments
     * @param capacity     {@code journal.max_bytes}
     * @param head         the last sequence number assigned
     * @param cursor       the last sequence number acknowledged
     * @param segments     segment files
     * @param faults       faults of the directory the journal survived, by kind (see {@link JournalFault})
     */
    public record Stats(long produced, long acknowledged, long stored, long buffered, Map<DropReason, Long> dropped,
                        long corrupt, long bytes, long capacity, long head, long cursor, int segments,
                        Map<JournalFault, Long> faults) {
        public Stats(long produced, long acknowledged, long stored, long buffered, Map<DropReason, Long> dropped,
                     long corrupt, long bytes, long capacity, long head, long cursor, int segments) {
            this(produced, acknowledged, stored, buffered, dropped, corrupt, bytes, capacity, head, cursor, segments,
                    Map.of());
        }

        public long fault(JournalFault kind) {
            return faults.getOrDefault(kind, 0L);
        }

        public long droppedTotal() {
            return dropped.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private Journal(Path dir, JournalSettings settings, TimeSource time, JournalFiles files) {
        this.dir = dir;
        this.settings = settings;
        this.time = time;
        this.files = files;
        this.maxPayload = (int) Math.min(MAX_PAYLOAD, settings.segmentBytes() / 4);
        this.bufferCapacity = Math.min(4L << 20, Math.max(64L << 10, settings.segmentBytes() / 2));
        for (DropReason r : DropReason.values()) {
            dropped.put(r, 0L);
        }
        for (JournalFault f : JournalFault.values()) {
            faults.put(f, 0L);
        }
        this.writer = new Thread(this::writeLoop, "watchpost-journal-writer");
        this.writer.setDaemon(true);
    }

    /**
     * Opens (or creates) the journal in {@code dir}, recovering from whatever a crash or a failing disk left there.
     *
     * <p>A directory that cannot be created or written (a read-only or failing disk) does not stop the start: the
     * journal opens with what it can read, counts every record it cannot write, and its writer creates the directory
     * and resumes writing as soon as the disk lets it.
     *
     * @throws IOException if an existing directory cannot be listed; damaged contents never throw
     */
    public static Journal open(Path dir, JournalSettings settings, TimeSource time, JournalFiles files)
            throws IOException {
        Objects.requireNonNull(settings, "settings");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            log.warn("cannot create the journal directory {}: {}; records are dropped and counted until it can be "
                    + "created", dir, e.getMessage());
        }
        Journal j = new Journal(dir, settings, time, files);
        j.recover();
        j.lastFsync = time.nanoTime();
        j.lastAgeCheck = time.nanoTime();
        j.lastFreeCheck = time.nanoTime() - FREE_SPACE_CHECK_NANOS;
        j.writer.start();
        return j;
    }

    /** Bytes the in-memory buffer holds at most. */
    public long bufferCapacity() {
        return bufferCapacity;
    }

    /**
     * Adds a record. Never blocks on the disk and never throws for anything the disk does: a record that does not
     * fit in the buffer is dropped and counted.
     */
    public void append(JournalRecord.Type type, byte[] payload) {
        Pending p = new Pending(time.now().toEpochMilli(), type, payload);
        lock.lock();
        try {
            produced++;
            if (closing) {
                drop(DropReason.BUFFER_FULL, 1);
                return;
            }
            if (payload.length > maxPayload) {
                drop(DropReason.TOO_LARGE, 1);
                return;
            }
            if (bufferedBytes + p.size() > bufferCapacity) {
                drop(DropReason.BUFFER_FULL, 1);
                return;
            }
            buffer.addLast(p);
            bufferedBytes += p.size();
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    public Stats stats() {
        lock.lock();
        try {
            long onDisk = written - cursor - gaps.count(cursor, written);
            return new Stats(produced, acknowledged, buffer.size() + inFlight + onDisk, buffer.size(),
                    new EnumMap<>(dropped), corrupt, totalBytes, settings.maxBytes(), written, cursor,
                    segments.size(), new EnumMap<>(faults));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads every record kept once and counts what is damaged or missing, so that damage already on disk at start
     * (a flipped bit, a segment cut short) shows in {@code corrupt} at once instead of when the forwarder passes,
     * which without a collector is never. Bounded like the forwarder: batches of at most 1 MiB, one segment open at
     * a time. Stops at the head as it was when called. Returns the damaged or missing records it found.
     */
    public long verify() throws IOException {
        long upTo;
        long before;
        lock.lock();
        try {
            upTo = written;
            before = corrupt;
        } finally {
            lock.unlock();
        }
        try (JournalReader r = reader()) {
            while (true) {
                List<JournalRecord> batch = r.next(1024, 1 << 20);
                if (batch.isEmpty() || batch.get(batch.size() - 1).sequence() >= upTo) {
                    break;
                }
            }
        }
        lock.lock();
        try {
            return corrupt - before;
        } finally {
            lock.unlock();
        }
    }

    /** A reader from the persisted cursor; one per journal (the forwarder). */
    public JournalReader reader() {
        return new JournalReader(this);
    }

    /**
     * Waits until everything appended so far has been written (or dropped), at most {@code timeout}. For shutdown and
     * tests; the probe path never calls it.
     */
    public boolean flush(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        lock.lock();
        try {
            work.signal();
            while (!buffer.isEmpty() || inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Writes what is buffered (up to 5 s), forces it to disk and stops the writer. */
    @Override
    public void close() {
        try {
            flush(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            closing = true;
            int left = buffer.size();
            if (left > 0) {
                buffer.clear();
                bufferedBytes = 0;
                drop(DropReason.BUFFER_FULL, left);
            }
            work.signal();
        } finally {
            lock.unlock();
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------------------------------------- writer thread

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            lock.lock();
            try {
                while (buffer.isEmpty() && !closing) {
                    long wait = dirty ? Math.max(1, settings.fsyncInterval().toNanos()) : TimeUnit.SECONDS.toNanos(1);
                    try {
                        work.awaitNanos(wait);
                    } catch (InterruptedException e) {
                        closing = true;
                    }
                    if (buffer.isEmpty()) {
                        break;
                    }
                }
                if (crashed || (buffer.isEmpty() && closing)) {
                    break;
                }
                while (!buffer.isEmpty()) {
                    Pending p = buffer.removeFirst();
                    bufferedBytes -= p.size();
                    batch.add(p);
                }
                inFlight = batch.size();
            } finally {
                lock.unlock();
            }
            if (!batch.isEmpty()) {
                writeBatch(batch);
                batch.clear();
            }
            housekeeping(false);
            lock.lock();
            try {
                inFlight = 0;
                idle.signalAll();
            } finally {
                lock.unlock();
            }
        }
        if (crashedNow()) {
            try {
                if (activeFile != null) {
                    activeFile.close(); // not forced and not sealed: only the descriptor goes, as with kill -9
                }
            } catch (IOException e) {
                log.debug("closing the active segment after a simulated crash failed", e);
            }
            return;
        }
        housekeeping(true);
        // Sealed on a clean stop, so the next start reads no file; after a crash the start scans the open one.
        closeActive(true);
        writeHead();
    }

    private boolean crashedNow() {
        lock.lock();
        try {
            return crashed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the writer the way {@code kill -9} would, for recovery tests: what it has written stays in the file (the
     * page cache survives the process), the buffer is lost, and nothing is forced, sealed or recorded in the head file.
     * The instance is dead afterwards; open the directory again to recover.
     */
    void crash() throws InterruptedException {
        lock.lock();
        try {
            crashed = true;
            closing = true;
            buffer.clear();
            bufferedBytes = 0;
            work.signal();
        } finally {
            lock.unlock();
        }
        writer.join();
    }

    /** Writes a batch in chunks; a failure drops the records it could not write, counted by the failure's kind. */
    private void writeBatch(List<Pending> batch) {
        checkDirectory();
        long now = time.nanoTime();
        if (failReason != null && now < failingUntil) {
            dropInFlight(failReason, batch.size());
            return;
        }
        if (now - lastFreeCheck >= FREE_SPACE_CHECK_NANOS || !freeOk) {
            lastFreeCheck = now;
            try {
                freeOk = files.usableSpace(dir) >= settings.keepFreeBytes();
            } catch (IOException e) {
                freeOk = true; // cannot tell; the write itself will say whether there is room
            }
        }
        if (!freeOk) {
            dropInFlight(DropReason.KEEP_FREE, batch.size());
            return;
        }
        ByteBuffer chunk = ByteBuffer.allocate(WRITE_CHUNK);
        int i = 0;
        while (i < batch.size()) {
            Pending first = batch.get(i);
            try {
                prepareFor(first.size());
            } catch (IOException e) {
                fail(e, batch.size() - i);
                return;
            }
            Segment active = activeSegment();
            long room;
            lock.lock();
            try {
                // A chunk fits both in the segment and under max_bytes; prepareFor made room for at least one record.
                room = Math.min(settings.segmentBytes() - active.bytes, settings.maxBytes() - totalBytes);
            } finally {
                lock.unlock();
            }
            chunk.clear();
            int n = 0;
            long seq = written;
            long newest = active.newestMillis;
            while (i + n < batch.size()) {
                Pending p = batch.get(i + n);
                if (p.size() > chunk.remaining() || (n > 0 && p.size() > room)) {
                    break;
                }
                RecordCodec.encode(chunk, ++seq, p.timestamp(), p.type(), p.payload());
                room -= p.size();
                newest = Math.max(newest, p.timestamp());
                n++;
            }
            if (n == 0) {
                // A single record larger than a whole write chunk cannot happen (payloads are capped); be safe.
                dropInFlight(DropReason.TOO_LARGE, 1);
                i++;
                continue;
            }
            chunk.flip();
            int bytes = chunk.remaining();
            long before = active.bytes;
            try {
                activeFile.write(chunk);
            } catch (IOException e) {
                try {
                    activeFile.truncate(before);
                } catch (IOException truncateFailed) {
                    // The segment may end with part of a record; reading finds it by its checksum. Start afresh.
                    closeActive(true);
                }
                fail(e, batch.size() - i);
                return;
            }
            lock.lock();
            try {
                written = seq;
                active.last = seq;
                active.bytes += bytes;
                active.newestMillis = newest;
                totalBytes += bytes;
                inFlight -= n;
            } finally {
                lock.unlock();
            }
            activeReadable = active.bytes;
            dirty = true;
            i += n;
        }
        if (failReason != null) {
            log.info("journal writes succeed again after {}", failReason.label());
            failReason = null;
        }
    }

    private void fail(IOException e, int recordsLost) {
        DropReason reason = isNoSpace(e) ? DropReason.DISK_FULL : DropReason.IO_ERROR;
        if (failReason != reason) {
            log.warn("journal write failed ({}): {}; dropping records until a write succeeds, retrying every second",
                    reason.label(), e.getMessage());
        }
        failReason = reason;
        failingUntil = time.nanoTime() + RETRY_AFTER_FAILURE_NANOS;
        dropInFlight(reason, recordsLost);
    }

    static boolean isNoSpace(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left") || m.contains("ENOSPC") || m.contains("Disk quota"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Notices, every quarter second, that the journal directory or the segment being written was deleted under the
     * running agent (by hand, or by a clean-up job). Without this the writer appends to an unlinked file forever and
     * {@code /metrics} reports segments that no longer exist. The segments that are gone leave the books as
     * {@code corrupt} drops (only their unacknowledged records count), the directory is created again with the head
     * and cursor files, and the next record opens a fresh segment with the next sequence number.
     */
    private void checkDirectory() {
        long now = time.nanoTime();
        if (lastDirectoryCheck != Long.MIN_VALUE && now - lastDirectoryCheck < FREE_SPACE_CHECK_NANOS) {
            return;
        }
        lastDirectoryCheck = now;
        boolean dirGone = !Files.isDirectory(dir);
        Segment active = activeFile == null ? null : activeSegment();
        boolean activeGone = !dirGone && active != null && !Files.exists(active.path);
        if (!dirGone && !activeGone) {
            directorySeen = true;
            return;
        }
        if (dirGone) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                log.debug("cannot create the journal directory {} yet: {}", dir, e.getMessage());
            }
        }
        if (!directorySeen && activeFile == null) {
            // Never there in this run (a read-only disk at start): nothing was lost, writing starts once it exists.
            directorySeen = Files.isDirectory(dir);
            return;
        }
        if (activeFile != null) {
            try {
                activeFile.close();
            } catch (IOException e) {
                log.debug("closing the deleted active segment failed", e);
            }
            activeFile = null;
            activeReadable = 0;
            dirty = false;
        }
        long lost;
        int segmentsGone;
        lock.lock();
        try {
            List<Segment> gone = dirGone ? new ArrayList<>(segments) : List.of(active);
            long before = dropped.get(DropReason.CORRUPT);
            for (Segment s : gone) {
                removeLocked(s, DropReason.CORRUPT);
            }
            lost = dropped.get(DropReason.CORRUPT) - before;
            corrupt += lost;
            segmentsGone = gone.size();
            faults.merge(JournalFault.DIRECTORY_LOST, 1L, Long::sum);
        } finally {
            lock.unlock();
        }
        directorySeen = Files.isDirectory(dir);
        log.warn("journal {} was deleted while the agent ran: {} segments and {} unacknowledged records lost "
                        + "(counted as corrupt); {}", dirGone ? "directory " + dir : "segment " + active.path,
                segmentsGone, lost, directorySeen ? "recreated it, writing goes on" : "it cannot be recreated yet");
        if (directorySeen && dirGone) {
            writeHead();
            long cur;
            lock.lock();
            try {
                cur = cursor;
            } finally {
                lock.unlock();
            }
            writeSmallFile(CURSOR, Long.toString(cur));
        }
    }

    /** Makes room for a record: rolls a full segment and deletes the oldest ones beyond max_bytes. */
    private void prepareFor(int recordBytes) throws IOException {
        Segment active = activeFile == null ? null : activeSegment();
        if (active != null && active.bytes > 0 && active.bytes + recordBytes > settings.segmentBytes()) {
            closeActive(true);
            active = null;
        }
        List<Path> doomed = new ArrayList<>();
        lock.lock();
        try {
            while (totalBytes + recordBytes > settings.maxBytes()) {
                Segment oldest = null;
                for (Segment s : segments) {
                    if (s.sealed) {
                        oldest = s;
                        break;
                    }
                }
                if (oldest == null) {
                    break; // only the active segment is left; a segment is at most max_bytes / 8
                }
                doomed.add(removeLocked(oldest, DropReason.CAPACITY));
            }
        } finally {
            lock.unlock();
        }
        // Unlinked before the next write, so disk use stays within the cap; outside the lock, so a filesystem that
        // stalls on metadata holds up only the writer, never append() or a scrape.
        doomed.forEach(this::tryDelete);
        if (active == null) {
            openActive();
        }
    }

    private Segment activeSegment() {
        lock.lock();
        try {
            return segments.get(segments.size() - 1);
        } finally {
            lock.unlock();
        }
    }

    private void openActive() throws IOException {
        long first = written + 1;
        Path path = dir.resolve(Segment.activeName(first));
        JournalFiles.AppendFile f = files.openAppend(path);
        long size = f.size();
        if (size > 0) {
            f.truncate(0); // a leftover of a failed start: nothing in it was ever counted as written
        }
        activeFile = f;
        activeReadable = 0;
        lock.lock();
        try {
            segments.add(new Segment(path, first, first - 1, 0, 0, false));
        } finally {
            lock.unlock();
        }
    }

    /** Forces, closes and seals the active segment (or just closes it when {@code seal} is false). */
    private void closeActive(boolean seal) {
        if (activeFile == null) {
            return;
        }
        Segment active = activeSegment();
        try {
            activeFile.force();
        } catch (IOException e) {
            log.warn("journal fsync of {} failed: {}", active.path.getFileName(), e.getMessage());
        }
        try {
            activeFile.close();
        } catch (IOException e) {
            log.debug("closing {} failed", active.path, e);
        }
        activeFile = null;
        dirty = false;
        lastFsync = time.nanoTime();
        if (!seal) {
            return;
        }
        boolean empty;
        lock.lock();
        try {
            empty = active.records() == 0;
            if (empty) {
                segments.remove(active);
            }
        } finally {
            lock.unlock();
        }
        if (empty) {
            tryDelete(active.path);
            return;
        }
        // Renamed outside the lock (see prepareFor); until the new name is published, a reader that tries the old one
        // finds nothing and, the segment being still unsealed in its view, simply tries again later.
        Path sealed = dir.resolve(Segment.sealedName(active.first, active.last));
        boolean moved = false;
        try {
            files.move(active.path, sealed);
            moved = true;
        } catch (IOException e) {
            // Kept under its active name; the next start seals it after scanning it.
            log.warn("cannot seal journal segment {}: {}", active.path.getFileName(), e.getMessage());
        }
        lock.lock();
        try {
            if (moved) {
                active.path = sealed;
            }
            active.sealed = true;
        } finally {
            lock.unlock();
        }
        writeHead();
    }

    private void housekeeping(boolean force) {
        checkDirectory();
        long now = time.nanoTime();
        if (activeFile != null && dirty && (force || now - lastFsync >= settings.fsyncInterval().toNanos())) {
            try {
                activeFile.force();
            } catch (IOException e) {
                log.warn("journal fsync failed: {}", e.getMessage());
            }
            dirty = false;
            lastFsync = now;
        }
        if (force || now - lastAgeCheck >= AGE_CHECK_NANOS) {
            lastAgeCheck = now;
            expire();
        }
    }

    /** Deletes segments whose newest record is older than max_age. */
    void expire() {
        long cutoff = time.now().toEpochMilli() - settings.maxAge().toMillis();
        Segment active = activeFile == null ? null : activeSegment();
        if (active != null && active.records() > 0 && active.newestMillis < cutoff) {
            closeActive(true);
        }
        List<Path> doomed = new ArrayList<>();
        lock.lock();
        try {
            for (Segment s : new ArrayList<>(segments)) {
                if (s.sealed && s.newestMillis < cutoff) {
                    doomed.add(removeLocked(s, DropReason.AGE));
                }
            }
        } finally {
            lock.unlock();
        }
        doomed.forEach(this::tryDelete);
    }

    /**
     * Takes a segment out of the journal; its records above the cursor that are not already gaps are dropped for
     * {@code reason}. Returns its file, for the caller to delete once it has released the lock.
     */
    private Path removeLocked(Segment s, DropReason reason) {
        segments.remove(s);
        totalBytes -= s.bytes;
        long from = Math.max(s.first, cursor + 1);
        if (from <= s.last) {
            long lost = gaps.add(from, s.last, reason);
            if (lost > 0) {
                drop(reason, lost);
                log.warn("journal dropped segment {} ({}): {} unforwarded records lost", s.path.getFileName(),
                        reason.label(), lost);
            }
        }
        return s.path;
    }

    private void tryDelete(Path p) {
        try {
            files.delete(p);
        } catch (IOException e) {
            log.warn("cannot delete journal file {}: {}", p.getFileName(), e.getMessage());
        }
    }

    private void dropInFlight(DropReason reason, int n) {
        lock.lock();
        try {
            inFlight -= n;
            drop(reason, n);
        } finally {
            lock.unlock();
        }
    }

    /** Counts dropped records; caller holds the lock. */
    private void drop(DropReason reason, long n) {
        dropped.merge(reason, n, Long::sum);
    }

    private void writeHead() {
        long head;
        lock.lock();
        try {
            head = written;
        } finally {
            lock.unlock();
        }
        writeSmallFile(HEAD, Long.toString(head));
    }

    private void writeSmallFile(String name, String content) {
        Path tmp = dir.resolve(name + ".tmp");
        try {
            Files.writeString(tmp, content + "\n");
            files.move(tmp, dir.resolve(name));
        } catch (IOException e) {
            log.warn("cannot write journal file {}: {}", name, e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------------ recovery

    private void recover() throws IOException {
        List<Segment> found = new ArrayList<>();
        long headFromFile = Math.max(0, readLong(HEAD));
        long cursorFromFile = readLong(CURSOR);
        long foreign = 0;
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    String name = p.getFileName().toString();
                    if (name.equals(HEAD) || name.equals(CURSOR)) {
                        continue;
                    }
                    if (name.endsWith(".tmp")) {
                        tryDelete(p);
                        continue;
                    }
                    long[] range = Segment.parse(name);
                    String why = range == null ? "not a journal file"
                            : !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? "named like a segment but not a file"
                            : null;
                    Segment seg = null;
                    if (why == null) {
                        try {
                            seg = new Segment(p, range[0], range[1], Files.size(p),
                                    Files.getLastModifiedTime(p).toMillis(), range[1] >= 0);
                            why = seg.sealed ? notASealedSegment(seg) : null;
                        } catch (IOException e) {
                            why = "unreadable: " + e.getMessage();
                        }
                    }
                    if (why != null) {
                        // Never adopted and never deleted: it may be someone's file. Skipping it must not cost a start.
                        log.warn("journal: skipping {} ({}); it is left where it is", p, why);
                        foreign++;
                        continue;
                    }
                    found.add(seg);
                }
            }
        }
        found.sort((a, b) -> Long.compare(a.first, b.first));
        long foundCorrupt = 0;
        List<long[]> damagedRanges = new ArrayList<>();
        long knownHead = headFromFile;
        for (Segment s : found) {
            if (s.sealed) {
                knownHead = Math.max(knownHead, s.last);
            }
        }
        for (Iterator<Segment> it = found.iterator(); it.hasNext(); ) {
            Segment s = it.next();
            if (!s.sealed) {
                String why = scanUnsealed(s, damagedRanges, knownHead);
                if (why != null) {
                    log.warn("journal: skipping {} ({}); it is left where it is", s.path, why);
                    foreign++;
                    it.remove();
                }
            }
        }
        found.removeIf(s -> {
            if (s.records() == 0) {
                tryDelete(s.path);
                return true;
            }
            return false;
        });
        long head = Math.max(headFromFile, found.isEmpty() ? 0 : found.get(found.size() - 1).last);
        long cur = cursorFromFile;
        boolean cursorRejected = cursorFromFile < 0 || cursorFromFile > head;
        if (cursorRejected) {
            // Beyond the head (or unreadable): trusting it would pass every record kept as acknowledged, silently.
            // Delivering again from the oldest record kept costs duplicates, which the collector drops.
            cur = found.isEmpty() ? head : Math.min(head, found.get(0).first - 1);
            if (cursorFromFile != READ_NOTHING) {
                log.warn("journal cursor file {} says {} but the last record written is {}; delivering again from "
                        + "sequence {}", dir.resolve(CURSOR), cursorFromFile < 0 ? "something unreadable"
                        : Long.toString(cursorFromFile), head, cur + 1);
            }
        }
        if (cursorFromFile == READ_NOTHING) {
            cursorRejected = false;
            cur = 0;
        }
        lock.lock();
        try {
            faults.merge(JournalFault.FOREIGN_FILE, foreign, Long::sum);
            if (cursorRejected) {
                faults.merge(JournalFault.CURSOR_REJECTED, 1L, Long::sum);
            }
            segments.addAll(found);
            written = head;
            cursor = cur;
            for (Segment s : found) {
                totalBytes += s.bytes;
            }
            // Records below the first segment were dropped in an earlier run; records missing between segments were
            // lost since (a segment deleted by hand, a failed disk): those are counted now.
            long expected = cur + 1;
            for (Segment s : found) {
                if (s.first > expected) {
                    // Below the first segment: dropped by an earlier run, which counted them (its reason is not kept).
                    boolean between = found.indexOf(s) > 0;
                    long lost = gaps.add(expected, s.first - 1, between ? DropReason.CORRUPT : null);
                    if (between) {
                        foundCorrupt += lost;
                    }
                }
                expected = Math.max(expected, s.last + 1);
            }
            if (head >= expected) {
                // Written once (the head file says so) but no longer on disk: damaged since, unless nothing at all is
                // left, which is what max_age or capacity deletions of an earlier run look like.
                long lost = gaps.add(expected, head, found.isEmpty() ? null : DropReason.CORRUPT);
                if (!found.isEmpty()) {
                    foundCorrupt += lost;
                }
            }
            for (long[] r : damagedRanges) {
                foundCorrupt += gaps.add(Math.max(r[0], cur + 1), r[1], DropReason.CORRUPT);
            }
            corrupt = foundCorrupt;
            drop(DropReason.CORRUPT, foundCorrupt);
            long onDisk = written - cursor - gaps.count(cursor, written);
            produced = onDisk + foundCorrupt;
        } finally {
            lock.unlock();
        }
        if (!found.isEmpty() || cur > 0) {
            log.info("journal: {} segments, {} bytes, sequences up to {}, acknowledged up to {}{}", found.size(),
                    totalBytes, head, cur, foundCorrupt > 0 ? ", " + foundCorrupt + " damaged records skipped" : "");
        }
    }

    /**
     * Scans a segment that was being written when the previous run ended: finds its last good record, cuts off a torn
     * tail, and seals it. Sequence ranges found damaged inside it are added to {@code damaged}.
     */
    private String scanUnsealed(Segment s, List<long[]> damaged, long knownHead) throws IOException {
        long good = 0;
        long lastSeq = s.first - 1;
        long newest = 0;
        long expected = s.first;
        try (FileChannel ch = files.openRead(s.path)) {
            long size = ch.size();
            long pos = 0;
            RecordCodec.Read firstRead = RecordCodec.read(ch, 0, size, maxPayload);
            if (firstRead instanceof RecordCodec.Good g && g.record().sequence() != s.first) {
                return "its first record is sequence " + g.record().sequence() + ", not " + s.first;
            }
            if (!(firstRead instanceof RecordCodec.Good) && size > 0 && s.first > knownHead + 1) {
                // Not a single record where the journal would have written its next segment: a foreign file that
                // took a segment's name. Adopting it would move the head to whatever its name says.
                return "no journal record in it, and it starts past the last sequence written (" + knownHead + ")";
            }
            while (true) {
                RecordCodec.Read r = RecordCodec.read(ch, pos, size, maxPayload);
                if (r instanceof RecordCodec.Good g) {
                    long seq = g.record().sequence();
                    if (seq > expected) {
                        damaged.add(new long[] {expected, seq - 1});
                    }
                    if (seq >= expected) {
                        lastSeq = seq;
                        expected = seq + 1;
                        newest = Math.max(newest, g.record().timestampMillis());
                    }
                    pos = g.next();
                    good = pos;
                } else if (r instanceof RecordCodec.Bad b && b.next() >= 0) {
                    pos = b.next();
                    good = pos;
                } else {
                    if (r instanceof RecordCodec.Bad) {
                        // The rest cannot be read; at least the record here is lost (more, if the head file says so).
                        damaged.add(new long[] {expected, expected});
                        lastSeq = Math.max(lastSeq, expected);
                    }
                    break;
                }
            }
            if (good < size) {
                log.warn("journal segment {}: cutting {} bytes of unreadable tail", s.path.getFileName(),
                        size - good);
            }
        }
        if (good < Files.size(s.path)) {
            try (JournalFiles.AppendFile f = files.openAppend(s.path)) {
                f.truncate(good);
            } catch (IOException e) {
                // A read-only disk: the tail stays, and reading stops at the last good record all the same.
                log.warn("cannot cut the unreadable tail of journal segment {}: {}", s.path.getFileName(),
                        e.getMessage());
            }
        }
        s.last = lastSeq;
        s.bytes = good;
        if (newest > 0) {
            s.newestMillis = newest;
        }
        if (s.records() > 0) {
            Path sealed = dir.resolve(Segment.sealedName(s.first, s.last));
            try {
                files.move(s.path, sealed);
                s.path = sealed;
            } catch (IOException e) {
                // Kept under its active name, sealed in memory; the next start scans it again.
                log.warn("cannot seal journal segment {}: {}", s.path.getFileName(), e.getMessage());
            }
            s.sealed = true;
        }
        return null;
    }

    /**
     * Why a file with a sealed segment's name cannot be one, or null when it may be: its name must not promise more
     * records than its bytes can hold, and its first record must be readable far enough to carry the name's first
     * sequence (a damaged first record of a real segment is left to the reader, which counts it).
     */
    private String notASealedSegment(Segment s) {
        long minRecord = RecordCodec.size(1);
        if (s.records() > s.bytes / minRecord) {
            return "its name promises " + s.records() + " records but it holds " + s.bytes + " bytes";
        }
        try (FileChannel ch = files.openRead(s.path)) {
            RecordCodec.Read r = RecordCodec.read(ch, 0, ch.size(), maxPayload);
            if (r instanceof RecordCodec.Good g) {
                return g.record().sequence() == s.first ? null
                        : "its first record is sequence " + g.record().sequence() + ", not " + s.first;
            }
            if (r instanceof RecordCodec.Bad b && b.next() >= 0) {
                return null;
            }
            return "no journal record at its start";
        } catch (IOException e) {
            return null; // a failing disk, not a foreign file: the reader counts what it cannot read
        }
    }

    /** Returned by {@link #readLong} for a file that does not exist. */
    private static final long READ_NOTHING = -2;

    /** The number in a small file; {@link #READ_NOTHING} when there is no file, -1 when it cannot be read. */
    private long readLong(String name) {
        Path p = dir.resolve(name);
        if (!Files.exists(p)) {
            return READ_NOTHING;
        }
        try {
            long v = Long.parseLong(Files.readString(p, StandardCharsets.UTF_8).strip());
            return v < 0 ? -1 : v;
        } catch (IOException | NumberFormatException e) {
            log.warn("journal file {} is unreadable; ignoring it", p);
            return -1;
        }
    }

    // --------------------------------------------------------------------------------------- used by the reader

    /** A consistent view of where the reader may read. */
    record View(List<Segment> segments, long written, long activeReadable) {
    }

    View view() {
        lock.lock();
        try {
            List<Segment> copy = new ArrayList<>();
            for (Segment s : segments) {
                copy.add(new Segment(s.path, s.first, s.last, s.bytes, s.newestMillis, s.sealed));
            }
            return new View(copy, written, activeReadable);
        } finally {
            lock.unlock();
        }
    }

    long cursor() {
        lock.lock();
        try {
            return cursor;
        } finally {
            lock.unlock();
        }
    }

    int maxPayload() {
        return maxPayload;
    }

    JournalFiles files() {
        return files;
    }

    /**
     * The gaps that start at {@code sequence} and follow each other, each with its reason; empty when
     * {@code sequence} is not in a gap.
     */
    List<Gap> gapsAt(long sequence) {
        lock.lock();
        try {
            return gaps.runAt(sequence);
        } finally {
            lock.unlock();
        }
    }

    /** The reader found [from, to] damaged or missing: counted once, then skipped. */
    void lost(long from, long to) {
        lock.lock();
        try {
            long n = gaps.add(Math.max(from, cursor + 1), to, DropReason.CORRUPT);
            if (n > 0) {
                corrupt += n;
                drop(DropReason.CORRUPT, n);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Advances the cursor to {@code sequence}; counts what it acknowledges and persists it. */
    void acknowledge(long sequence) {
        lock.lock();
        try {
            if (sequence <= cursor) {
                return;
            }
            long upTo = Math.min(sequence, written);
            acknowledged += (upTo - cursor) - gaps.count(cursor, upTo);
            cursor = upTo;
            gaps.pruneUpTo(cursor);
        } finally {
            lock.unlock();
        }
        writeSmallFile(CURSOR, Long.toString(sequence));
    }
}
