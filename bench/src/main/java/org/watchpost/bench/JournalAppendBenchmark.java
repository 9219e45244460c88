package org.watchpost.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.watchpost.agent.config.JournalSettings;
import org.watchpost.agent.journal.Journal;
import org.watchpost.agent.journal.JournalFiles;
import org.watchpost.agent.journal.JournalRecord;
import org.watchpost.agent.time.TimeSource;

/**
 * The latency of {@link Journal#append} as the probe path sees it, with the disk healthy, full (every write fails
 * with "No space left on device") and stuck (writes never return): it must not depend on the disk. Sample-time mode
 * gives the percentiles (p50, p99, p99.9) in nanoseconds; four threads append at once, like probe workers.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Threads(4)
@State(Scope.Benchmark)
public class JournalAppendBenchmark {
    @Param({"healthy", "full", "stuck"})
    public String disk;

    private Path dir;
    private Journal journal;
    private final byte[] payload = new byte[900]; // about a check result with one finding, as JSON

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("watchpost-bench-journal-");
        JournalSettings settings = new JournalSettings(64L << 20, 8L << 20, 0, Duration.ofDays(7),
                Duration.ofSeconds(1));
        journal = Journal.open(dir, settings, TimeSource.system(), files(disk));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        Journal.Stats s = journal.stats();
        System.out.printf("%n[%s disk] produced %d, stored %d, dropped %s%n", disk, s.produced(), s.stored(),
                s.dropped());
        if ("stuck".equals(disk)) {
            // The writer thread is blocked for good; it is a daemon and dies with the fork.
            return;
        }
        journal.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Benchmark
    public void append() {
        journal.append(JournalRecord.Type.CHECK_RESULT, payload);
    }

    private static JournalFiles files(String disk) {
        JournalFiles real = JournalFiles.system();
        if ("healthy".equals(disk)) {
            return real;
        }
        return new JournalFiles() {
            @Override
            public AppendFile openAppend(Path file) throws IOException {
                AppendFile f = real.openAppend(file);
                return new AppendFile() {
                    @Override
                    public void write(ByteBuffer buffer) throws IOException {
                        if ("stuck".equals(disk)) {
                            try {
                                Thread.sleep(Long.MAX_VALUE);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        throw new IOException("No space left on device");
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

            @Override
            public FileChannel openRead(Path file) throws IOException {
                return real.openRead(file);
            }

            @Override
            public long usableSpace(Path d) throws IOException {
                return real.usableSpace(d);
            }

            @Override
            public void move(Path from, Path to) throws IOException {
                real.move(from, to);
            }

            @Override
            public void delete(Path file) throws IOException {
                real.delete(file);
            }
        };
    }
}
