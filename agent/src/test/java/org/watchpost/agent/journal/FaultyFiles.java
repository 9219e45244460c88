package org.watchpost.agent.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Real files, with faults a test can switch on: a full disk, an I/O error, little free space, a stuck disk. */
final class FaultyFiles implements JournalFiles {
    final AtomicReference<String> writeError = new AtomicReference<>();
    final AtomicLong usable = new AtomicLong(Long.MAX_VALUE);
    final AtomicReference<CountDownLatch> stuck = new AtomicReference<>();
    final AtomicLong writes = new AtomicLong();
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
                CountDownLatch latch = stuck.get();
                if (latch != null) {
                    try {
                        latch.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                failIfBroken();
                writes.incrementAndGet();
                f.write(buffer);
            }

            @Override
            public void force() throws IOException {
                f.force();
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
        real.move(from, to);
    }

    @Override
    public void delete(Path file) throws IOException {
        real.delete(file);
    }
}
