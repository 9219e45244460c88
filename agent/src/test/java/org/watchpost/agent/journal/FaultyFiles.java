package org.watchpost.agent.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Real files, with faults a test can switch on: a full disk, an I/O error, little free space, a disk stuck on writes or
 * on renames and deletions (what a saturated or hung filesystem does to metadata operations).
 */
final class FaultyFiles implements JournalFiles {
    final AtomicReference<String> writeError = new AtomicReference<>();
    final AtomicLong usable = new AtomicLong(Long.MAX_VALUE);
    final AtomicReference<CountDownLatch> stuck = new AtomicReference<>();
    final AtomicReference<CountDownLatch> stuckMove = new AtomicReference<>();
    final AtomicReference<CountDownLatch> stuckDelete = new AtomicReference<>();
    /** Threads waiting in a stuck call right now, so a test knows the writer is inside one. */
    final AtomicInteger blocked = new AtomicInteger();
    final AtomicLong writes = new AtomicLong();
    /**
     * Off for tests that only need what survives a killed process (the page cache keeps it): forcing every sealed
     * segment to the device would only make them slow.
     */
    final AtomicBoolean fsync = new AtomicBoolean(true);
    private final JournalFiles real = JournalFiles.system();

    void diskFull() {
        writeError.set("No space left on device");
    }

    void ioError() {
        writeError.set("Input/output error");
    }

    void healthy() {
        writeError.set(null);
    }

    @Override
    public AppendFile openAppend(Path file) throws IOException {
        failIfBroken();
        AppendFile f = real.openAppend(file);
        return new AppendFile() {
            @Override
            public void write(ByteBuffer buffer) throws IOException {
                waitIfStuck(stuck);
                failIfBroken();
                writes.incrementAndGet();
                f.write(buffer);
            }

            @Override
            public void force() throws IOException {
                if (fsync.get()) {
                    f.force();
                }
            }

            @Override
            public void truncate(long size) throws IOException {
                f.truncate(size);
            }

            @Override
            public long size() throws IOException {
                return f.size();
            }

            @Override
            public void close() throws IOException {
                f.close();
            }
        };
    }

    private void waitIfStuck(AtomicReference<CountDownLatch> which) {
        CountDownLatch latch = which.get();
        if (latch == null) {
            return;
        }
        blocked.incrementAndGet();
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            blocked.decrementAndGet();
        }
    }

    private void failIfBroken() throws IOException {
        String e = writeError.get();
        if (e != null) {
            throw new IOException(e);
        }
    }

    @Override
    public FileChannel openRead(Path file) throws IOException {
        return real.openRead(file);
    }

    @Override
    public long usableSpace(Path dir) {
        return usable.get();
    }

    @Override
    public void move(Path from, Path to) throws IOException {
        waitIfStuck(stuckMove);
        real.move(from, to);
    }

    @Override
    public void delete(Path file) throws IOException {
        waitIfStuck(stuckDelete);
        real.delete(file);
    }
}
