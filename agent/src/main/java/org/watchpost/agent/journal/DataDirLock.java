package org.watchpost.agent.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exclusive lock on {@code data_dir/lock}, held for as long as the agent runs, so that two agents never share a
 * data directory: two writers of one journal assign the same sequence numbers and mix their records in one segment,
 * and nothing would count it. The operating system releases the lock when the process dies, even by {@code kill -9},
 * so a stale lock file never blocks a restart. The file holds the owner's process id, to name it in the message.
 *
 * <pre>{@code
 * try (DataDirLock lock = DataDirLock.acquire(dataDir)) {   // throws InUseException if another agent has it
 *     ... run the agent ...
 * }
 * }</pre>
 */
public final class DataDirLock implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DataDirLock.class);
    static final String FILE = "lock";

    private final FileChannel channel;
    private final FileLock lock;

    /** Another process (or another agent in this one) holds the lock. */
    public static final class InUseException extends IOException {
        InUseException(String message) {
            super(message);
        }
    }

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock without waiting.
     *
     * <p>A directory where the lock file cannot be created (a read-only disk) is not locked, with a warning: such a
     * directory cannot be written by another agent either, and the README promises that a failing disk costs
     * records, never probing.
     *
     * @throws InUseException if another agent holds it; the message names the directory and the other process
     */
    public static DataDirLock acquire(Path dataDir) throws InUseException {
        Path file = dataDir.resolve(FILE);
        FileChannel ch;
        try {
            Files.createDirectories(dataDir);
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            log.warn("cannot create the lock file {} ({}); running without protection against a second agent on "
                    + "this data directory", file, e.getMessage());
            return new DataDirLock(null, null);
        }
        FileLock held;
        try {
            held = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            close(ch);
            throw new InUseException("the data directory " + dataDir.toAbsolutePath() + " is already used by another "
                    + "agent in this process (pid " + ProcessHandle.current().pid() + "); give each agent its own "
                    + "agent.data_dir");
        } catch (IOException e) {
            close(ch);
            log.warn("cannot lock {} ({}); running without protection against a second agent on this data "
                    + "directory", file, e.getMessage());
            return new DataDirLock(null, null);
        }
        if (held == null) {
            String owner = owner(ch);
            close(ch);
            throw new InUseException("the data directory " + dataDir.toAbsolutePath() + " is already used by another "
                    + "agent (" + owner + "); two agents must not share one: give this one its own agent.data_dir "
                    + "(or --data-dir), or stop the other");
        }
        try {
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        } catch (IOException e) {
            log.debug("cannot write the pid into {}", file, e);
        }
        return new DataDirLock(ch, held);
    }

    /** Whether this process holds the lock (false when the directory could not be locked at all). */
    public boolean held() {
        return lock != null && lock.isValid();
    }

    private static String owner(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            ch.read(b, 0);
            String text = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip();
            if (text.matches("\\d{1,10}")) {
                long pid = Long.parseLong(text);
                return ProcessHandle.of(pid).map(ph -> "pid " + pid + ph.info().command().map(c -> ", " + c)
                        .orElse("")).orElse("pid " + pid);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("cannot read the lock file's pid", e);
        }
        return "process unknown";
    }

    private static void close(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // Only our descriptor goes; there is nothing to report.
        }
    }

    /** Releases the lock; the file stays (deleting it could race with the next agent taking it). */
    @Override
    public void close() {
        if (channel != null) {
            close(channel);
        }
    }
}
