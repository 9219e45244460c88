package org.watchpost.agent.e2e;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * A server the e2e tests start as a child process, with its output in a log file. It is stopped by its PID: SIGTERM
 * first, SIGKILL after a bounded wait. A JVM shutdown hook kills it if the test run dies first, so an aborted build
 * does not leave a MariaDB or PHP server behind holding a port.
 */
final class LocalProcess {
    /** Failure messages show the end of the log; a log can grow, so only this much of it is read. */
    private static final int TAIL_BYTES = 16 * 1024;
    private static final int TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread killOnExit;

    private LocalProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.killOnExit = new Thread(process::destroyForcibly, "kill " + name + " (pid " + process.pid() + ")");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts {@code command} with {@code extraEnv} added to this JVM's environment; stdout and stderr both go to
     * {@code log}, which is appended to so a restart keeps the earlier attempt's output.
     */
    static LocalProcess start(String name, List<String> command, Map<String, String> extraEnv, Path log) {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(extraEnv);
        try {
            return new LocalProcess(name, pb.start(), log);
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + name + " (" + String.join(" ", command) + "): "
                    + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or -1 while the process still runs. */
    int exitCodeOrMinusOne() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    Path log() {
        return log;
    }

    /** The last lines of the log, for failure messages. Never throws: a message about a failure must not fail. */
    String logTail() {
        return tail(log);
    }

    /** Waits for a short-lived process (an installer) to finish; false when it is still running after {@code atMost}. */
    boolean awaitExit(Duration atMost) {
        try {
            boolean exited = process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
            if (exited) {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } else {
                stop(Duration.ofSeconds(5));
            }
            return exited;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    /**
     * Polls {@code ready} until it answers true, the process exits, or {@code atMost} passes.
     *
     * @return true when ready; false when the process exited first (the caller reads the log to decide what happened)
     * @throws IllegalStateException on timeout, with the log tail
     */
    boolean awaitReady(String what, Duration atMost, Callable<Boolean> ready) {
        try {
            Awaitility.await(name + " " + what)
                    .atMost(atMost)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100))
                    .failFast(name + " exited", () -> !process.isAlive())
                    .until(ready);
            return true;
        } catch (TerminalFailureException exited) {
            return false;
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(name + " (pid " + pid() + ") was still not " + what + " after " + atMost
                    + "\n" + logTail(), e);
        }
    }

    /**
     * Sends SIGTERM to the PID and waits up to {@code grace} for the process to exit, then sends SIGKILL.
     *
     * @return the exit code (143 or 137 when the process died of the signal instead of exiting by itself)
     */
    int stop(Duration grace) {
        try {
            if (process.isAlive()) {
                process.toHandle().destroy();
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.toHandle().destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
            return process.isAlive() ? -1 : process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + name, e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running or about to; nothing left to undo.
            }
        }
    }

    /**
     * Sends SIGTERM to the PID and returns at once: for a server whose reaction to the signal is the behaviour under
     * test (PostgreSQL's smart shutdown refuses new clients while it waits for the open ones). {@link #stop} still
     * ends it.
     */
    void signalTerm() {
        process.toHandle().destroy();
    }

    static String tail(Path file) {
        if (!Files.exists(file)) {
            return "(no log at " + file + ")";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, raf.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (raf.length() - start)];
            raf.seek(start);
            raf.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
            return "--- last " + last.size() + " lines of " + file + " ---\n" + String.join("\n", last);
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }

    /**
     * A loopback port that was free a moment ago. Another process can take it before the server binds it, so the
     * fixtures retry their start with a fresh port when the server says the address is in use.
     */
    static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free port on 127.0.0.1", e);
        }
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes a directory tree the fixtures created; used after their processes are gone. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }
}
