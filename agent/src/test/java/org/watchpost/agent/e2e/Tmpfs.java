package org.watchpost.agent.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs that a test mounts under its own temporary directory, for what only a real filesystem does: a kernel
 * that answers "no space left on device". Mounting needs root, which CI has; without it the test fails with a message
 * that says so, never skips.
 *
 * <pre>{@code
 * try (Tmpfs fs = Tmpfs.mount(tempDir.resolve("fs"), 4 << 20)) {
 *     Path filler = fs.fill("filler");   // from now on, writes there fail with ENOSPC
 * }                                     // unmounted
 * }</pre>
 */
public final class Tmpfs implements AutoCloseable {
    private final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    /**
     * Mounts a tmpfs of {@code bytes} on {@code dir} (created if needed).
     *
     * @throws IllegalStateException when it cannot be mounted, naming the directory and what mount said
     */
    public static Tmpfs mount(Path dir, long bytes) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the mount point " + dir, e);
        }
        String failure = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=0755", "tmpfs",
                dir.toString()));
        if (failure != null) {
            throw new IllegalStateException("cannot mount a " + (bytes >> 10) + " KiB tmpfs on " + dir + " (" + failure
                    + "); the small-filesystem tests need root, as CI runs them (.ci/run)");
        }
        Tmpfs fs = new Tmpfs(dir);
        try {
            String type = Files.getFileStore(dir).type();
            if (!"tmpfs".equals(type)) {
                fs.close();
                throw new IllegalStateException("mounted a tmpfs on " + dir + " but the directory is on " + type);
            }
        } catch (IOException e) {
            fs.close();
            throw new UncheckedIOException("cannot inspect the tmpfs on " + dir, e);
        }
        return fs;
    }

    public Path dir() {
        return dir;
    }

    /** Bytes the filesystem still gives to a process. */
    public long usable() {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code name} until the kernel refuses with ENOSPC: from then on the filesystem is full. */
    public Path fill(String name) {
        return write(name, Long.MAX_VALUE);
    }

    /** Writes {@code name} until about {@code bytesLeft} are still free (to the page). */
    public Path fillLeaving(String name, long bytesLeft) {
        long size = usable() - bytesLeft;
        if (size <= 0) {
            throw new IllegalArgumentException("only " + usable() + " bytes free on " + dir + ", less than "
                    + bytesLeft);
        }
        return write(name, size);
    }

    private Path write(String name, long size) {
        Path file = dir.resolve(name);
        ByteBuffer chunk = ByteBuffer.allocate(64 << 10);
        long written = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            while (written < size) {
                chunk.clear();
                chunk.limit((int) Math.min(chunk.capacity(), size - written));
                written += ch.write(chunk);
            }
        } catch (IOException e) {
            if (size != Long.MAX_VALUE || e.getMessage() == null || !e.getMessage().contains("No space left")) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
        return file;
    }

    /** Unmounts; lazily if something still holds the filesystem, and then fails, naming what was left mounted. */
    @Override
    public void close() {
        String failure = run(List.of("umount", dir.toString()));
        if (failure != null) {
            String lazy = run(List.of("umount", "-l", dir.toString()));
            throw new IllegalStateException("cannot unmount the tmpfs on " + dir + " (" + failure + "); "
                    + (lazy == null ? "detached it lazily: something still had files open there" : lazy));
        }
    }

    /** Runs a short command; null when it succeeded, else what went wrong. */
    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return String.join(" ", command) + " did not finish in 30 s";
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 ? null
                    : String.join(" ", command) + " exited with " + p.exitValue() + (out.isEmpty() ? "" : ": " + out);
        } catch (IOException e) {
            return "cannot run " + command.get(0) + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while running " + command.get(0);
        }
    }
}
