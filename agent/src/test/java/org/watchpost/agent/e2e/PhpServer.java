package org.watchpost.agent.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * PHP's built-in web server ({@code php -S}) serving a document root on a free port of 127.0.0.1, with errors shown
 * to visitors the way a misconfigured production site shows them ({@code display_errors=1}, HTML error markup), so
 * pages fail with PHP's own words.
 *
 * <pre>{@code
 * try (PhpServer php = PhpServer.start(docroot, Map.of("DB_HOST", "127.0.0.1"))) {
 *     URI page = php.url("/press.php");
 * }
 * }</pre>
 *
 * <p>The built-in server handles one request at a time, like a small site under load would not; that is enough for a
 * poller that sends one request per target every few seconds.
 */
public final class PhpServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 3;

    private final Path dir;
    private final LocalProcess server;
    private final int port;
    private boolean stopped;

    private PhpServer(Path dir, LocalProcess server, int port) {
        this.dir = dir;
        this.server = server;
        this.port = port;
    }

    /**
     * Starts {@code php -S 127.0.0.1:PORT -t docroot} with {@code env} added to its environment (pages read their
     * database credentials from it); returns once the port accepts connections.
     *
     * @throws IllegalStateException when {@code php} is missing (naming its Debian package) or does not start
     */
    public static PhpServer start(Path docroot, Map<String, String> env) {
        return start(docroot, env, Map.of());
    }

    /**
     * Like {@link #start(Path, Map)}, with {@code ini} settings given to {@code php -d} after the defaults, so they win:
     * {@code Map.of("display_errors", "0")} is a production configuration, whose fatal errors leave a blank page.
     */
    public static PhpServer start(Path docroot, Map<String, String> env, Map<String, String> ini) {
        Path php = Binaries.require("php", "php-cli");
        if (!Files.isDirectory(docroot)) {
            throw new IllegalArgumentException("the PHP document root " + docroot + " is not a directory");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("watchpost-php-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temp directory for PHP", e);
        }
        Path log = dir.resolve("php.log");
        for (int attempt = 1; ; attempt++) {
            int port = LocalProcess.freeLoopbackPort();
            List<String> command = new ArrayList<>(List.of(php.toString(),
                    "-d", "display_errors=1",
                    "-d", "error_reporting=E_ALL",
                    "-d", "html_errors=1"));
            ini.forEach((key, value) -> command.addAll(List.of("-d", key + "=" + value)));
            command.addAll(List.of("-S", "127.0.0.1:" + port, "-t", docroot.toString()));
            LocalProcess server = LocalProcess.start("php -S", command, env, log);
            boolean ready;
            try {
                ready = server.awaitReady("accepting connections", START_TIMEOUT, () -> LocalProcess.accepts(port));
            } catch (RuntimeException e) {
                server.stop(STOP_GRACE);
                LocalProcess.deleteTree(dir);
                throw e;
            }
            if (ready) {
                return new PhpServer(dir, server, port);
            }
            String tail = server.logTail();
            server.stop(STOP_GRACE);
            if (attempt < START_ATTEMPTS && tail.contains("Address already in use")) {
                continue;
            }
            LocalProcess.deleteTree(dir);
            throw new IllegalStateException("php -S exited with code " + server.exitCodeOrMinusOne()
                    + " before accepting connections on 127.0.0.1:" + port + "\n" + tail);
        }
    }

    /**
     * Fails unless {@code php -m} lists {@code extension}, naming the Debian package that provides it; a page that
     * needs a missing extension would otherwise fail with an error that looks like the failure under test.
     */
    public static void requireExtension(String extension, String debianPackage) {
        Path php = Binaries.require("php", "php-cli");
        try {
            Process p = new ProcessBuilder(php.toString(), "-m").redirectErrorStream(true).start();
            String modules = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("php -m did not finish within 30 s");
            }
            boolean loaded = modules.lines().map(String::trim).anyMatch(extension::equalsIgnoreCase);
            if (!loaded) {
                throw new IllegalStateException("the e2e tests need the PHP extension " + extension
                        + ", which php -m does not list: install the Debian package " + debianPackage
                        + " (apt-get install " + debianPackage + "), or run .ci/run");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run php -m", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running php -m", e);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return server.pid();
    }

    /** {@code http://127.0.0.1:PORT} followed by {@code path}, which starts with a slash. */
    public URI url(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', was '" + path + "'");
        }
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The end of the server's log: one line per request with its status, and PHP's errors. */
    public String logTail() {
        return server.logTail();
    }

    /** Stops the server by its PID (SIGTERM, SIGKILL after 10 s) and deletes its log directory. Idempotent. */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        server.stop(STOP_GRACE);
        LocalProcess.deleteTree(dir);
    }

    @Override
    public void close() {
        stop();
    }
}
