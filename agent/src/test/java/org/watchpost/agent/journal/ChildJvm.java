package org.watchpost.agent.journal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A JVM forked from the test's own java binary and classpath to run one of the journal's child mains: for what can
 * only be seen from outside a process (its heap and RSS under a small -Xmx, its open files, {@code kill -9}). The
 * child talks in stdout lines that the test reads as they come, each with the time it arrived; its stderr (the
 * journal's log) goes to a file shown when something fails.
 */
final class ChildJvm implements AutoCloseable {
    /** One stdout line of the child and when the test received it ({@link System#nanoTime}). */
    record Line(long atNanos, String text) {
        /** The value of {@code key=} in a line of {@code key=value} words. */
        long value(String key) {
            for (String word : text.split(" ")) {
                if (word.startsWith(key + "=")) {
                    return Long.parseLong(word.substring(key.length() + 1));
                }
            }
            throw new IllegalArgumentException("no " + key + "= in: " + text);
        }
    }

    private final String name;
    private final Process process;
    private final Path stderr;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Writer stdin;
    private final Thread pump;

    private ChildJvm(String name, Process process, Path stderr) {
        this.name = name;
        this.process = process;
        this.stderr = stderr;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(new Line(System.nanoTime(), line));
                }
            } catch (IOException e) {
                // the child is gone; what it said is kept
            }
        }, name + "-stdout");
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Starts {@code main} in a new JVM with {@code jvmOptions}; its stderr goes to {@code workDir/NAME.stderr}.
     *
     * @throws IllegalStateException if this JVM's classpath does not hold the test classes (the child could not start)
     */
    static ChildJvm start(Path workDir, List<String> jvmOptions, Class<?> main, String... args) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classpath = System.getProperty("java.class.path");
        String classFile = main.getName().replace('.', '/') + ".class";
        if (main.getClassLoader().getResource(classFile) == null || classpath == null || classpath.isEmpty()) {
            throw new IllegalStateException("cannot fork " + main.getName() + ": java.class.path is empty");
        }
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(main.getName());
        command.addAll(List.of(args));
        Path err = workDir.resolve(main.getSimpleName() + ".stderr");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        return new ChildJvm(main.getSimpleName(), p, err);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Every line received so far that starts with {@code prefix}. */
    List<Line> lines(String prefix) {
        return lines.stream().filter(l -> l.text().startsWith(prefix)).toList();
    }

    /** Waits for the first line starting with {@code prefix}, failing with the child's stderr if it dies first. */
    Line await(String prefix, Duration atMost) {
        Awaitility.await(name + " to print '" + prefix + "'").atMost(atMost).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    if (!lines(prefix).isEmpty()) {
                        return true;
                    }
                    if (!process.isAlive()) {
                        throw new AssertionError(name + " exited with " + process.exitValue() + " before printing '"
                                + prefix + "'; its stderr ends with:\n" + stderrTail());
                    }
                    return false;
                });
        return lines(prefix).get(0);
    }

    void send(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    /** Waits for the child to exit by itself and returns its exit code. */
    int exitCode(Duration atMost) throws InterruptedException {
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " did not exit within " + atMost + "; its stderr ends with:\n"
                    + stderrTail());
        }
        pump.join(TimeUnit.SECONDS.toMillis(10)); // lines printed just before exiting may still be in the pipe
        return process.exitValue();
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook, no finally block runs in the child. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    String stderrTail() {
        try {
            List<String> all = Files.readAllLines(stderr, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
