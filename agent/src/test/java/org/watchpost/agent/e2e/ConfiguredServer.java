package org.watchpost.agent.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A real server (nginx, Apache httpd, Tomcat, a Python app, ...) started as a child process on a free port of
 * 127.0.0.1, with its configuration written into a temp directory of its own; stopped by its PID. {@link WebStacks}
 * holds the launches of the servers the e2e tests use.
 *
 * <pre>{@code
 * try (ConfiguredServer nginx = WebStacks.nginx("location / { return 200; }")) {
 *     URI page = nginx.url("/");
 * }
 * }</pre>
 */
public final class ConfiguredServer implements AutoCloseable {
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 3;
    /** What the servers print when another process took the port between our check and their bind. */
    private static final List<String> PORT_TAKEN = List.of("Address already in use", "port is already in use");

    /** Writes the server's configuration into {@code dir} for {@code port} and returns the command that starts it. */
    @FunctionalInterface
    public interface Launch {
        List<String> prepare(Path dir, int port) throws IOException;
    }

    private final String name;
    private final Path dir;
    private final LocalProcess process;
    private final int port;
    private boolean stopped;

    private ConfiguredServer(String name, Path dir, LocalProcess process, int port) {
        this.name = name;
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /**
     * Starts the server and returns once its port accepts connections.
     *
     * @throws IllegalStateException when it exits first or is not listening within {@code startTimeout}, with the
     *                               end of its log
     */
    public static ConfiguredServer start(String name, Launch launch, Map<String, String> env, Duration startTimeout) {
        Path dir;
        try {
            dir = Files.createTempDirectory("watchpost-" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                    + "-");
            // Servers started as root hand their requests to an unprivileged worker user, which must read the files.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temp directory for " + name, e);
        }
        Path log = dir.resolve("server.log");
        for (int attempt = 1; ; attempt++) {
            int port = LocalProcess.freeLoopbackPort();
            List<String> command;
            try {
                command = launch.prepare(dir, port);
            } catch (IOException | RuntimeException e) {
                LocalProcess.deleteTree(dir);
                throw new IllegalStateException("could not write the configuration of " + name + " in " + dir + ": "
                        + e.getMessage(), e);
            }
            LocalProcess process = LocalProcess.start(name, command, env, log);
            boolean ready;
            try {
                ready = process.awaitReady("accepting connections on 127.0.0.1:" + port, startTimeout,
                        () -> LocalProcess.accepts(port));
            } catch (RuntimeException e) {
                process.stop(STOP_GRACE);
                LocalProcess.deleteTree(dir);
                throw e;
            }
            if (ready) {
                return new ConfiguredServer(name, dir, process, port);
            }
            String tail = process.logTail();
            process.stop(STOP_GRACE);
            if (attempt < START_ATTEMPTS && PORT_TAKEN.stream().anyMatch(tail::contains)) {
                continue;
            }
            LocalProcess.deleteTree(dir);
            throw new IllegalStateException(name + " exited with code " + process.exitCodeOrMinusOne()
                    + " before accepting connections on 127.0.0.1:" + port + "\n" + tail);
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** The server's own directory: its configuration, its log, and whatever the launch put there. */
    public Path dir() {
        return dir;
    }

    /** {@code http://127.0.0.1:PORT} followed by {@code path}, which starts with a slash. */
    public URI url(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', was '" + path + "'");
        }
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The end of the server's output, for failure messages. */
    public String logTail() {
        return process.logTail();
    }

    /** Stops the server by its PID (SIGTERM, SIGKILL after 10 s) and deletes its directory. Idempotent. */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            process.stop(STOP_GRACE);
        } finally {
            LocalProcess.deleteTree(dir);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
