package org.watchpost.agent.journal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a child process measures about itself, from the JVM and from {@code /proc/self}. */
final class ProcessFigures {
    private ProcessFigures() {
    }

    /** Heap in use after a full collection: what the process keeps, not what it has yet to collect. */
    static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Resident set size in bytes ({@code VmRSS} of {@code /proc/self/status}). */
    static long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS in /proc/self/status");
    }

    /** Open file descriptors of a process, and of those, how many are files under {@code dir} (null: none counted). */
    static long[] openFiles(long pid, Path dir) throws IOException {
        long all = 0;
        long under = 0;
        Path real = dir == null ? null : dir.toRealPath();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                all++;
                try {
                    if (real != null && Files.readSymbolicLink(fd).startsWith(real)) {
                        under++;
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away between listing and reading it
                }
            }
        }
        return new long[] {all, under};
    }
}
