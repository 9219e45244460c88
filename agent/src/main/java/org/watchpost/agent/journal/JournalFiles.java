package org.watchpost.agent.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The journal's only way to the filesystem. Production uses {@link #system()}; tests wrap it to inject "no space
 * left on device", I/O errors and a shrinking disk, so every failure path runs in the unit tests too.
 */
public interface JournalFiles {
    /** An open segment being appended to. */
    interface AppendFile extends AutoCloseable {
        /** Writes all of {@code buffer} at the end of the file. */
        void write(ByteBuffer buffer) throws IOException;

        /** Forces written data to the device. */
        void force() throws IOException;

        /** Cuts the file back to {@code size} bytes (after a failed write left part of a record). */
        void truncate(long size) throws IOException;

        long size() throws IOException;

        @Override
        void close() throws IOException;
    }

    AppendFile openAppend(Path file) throws IOException;

    FileChannel openRead(Path file) throws IOException;

    /** Bytes the filesystem holding {@code dir} still gives to this process. */
    long usableSpace(Path dir) throws IOException;

    void move(Path from, Path to) throws IOException;

    void delete(Path file) throws IOException;

    static JournalFiles system() {
        return SystemFiles.INSTANCE;
    }

    /** Plain NIO. */
    final class SystemFiles implements JournalFiles {
        static final SystemFiles INSTANCE = new SystemFiles();

        private SystemFiles() {
        }

        @Override
        public AppendFile openAppend(Path file) throws IOException {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            ch.position(ch.size());
            return new AppendFile() {
                @Override
                public void write(ByteBuffer buffer) throws IOException {
                    while (buffer.hasRemaining()) {
                        ch.write(buffer);
                    }
                }

                @Override
                public void force() throws IOException {
                    ch.force(false);
                }

                @Override
                public void truncate(long size) throws IOException {
                    ch.truncate(size);
                    ch.position(size);
                }

                @Override
                public long size() throws IOException {
                    return ch.size();
                }

                @Override
                public void close() throws IOException {
                    ch.close();
                }
            };
        }

        @Override
        public FileChannel openRead(Path file) throws IOException {
            return FileChannel.open(file, StandardOpenOption.READ);
        }

        @Override
        public long usableSpace(Path dir) throws IOException {
            return Files.getFileStore(dir).getUsableSpace();
        }

        @Override
        public void move(Path from, Path to) throws IOException {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        @Override
        public void delete(Path file) throws IOException {
            Files.deleteIfExists(file);
        }
    }
}
