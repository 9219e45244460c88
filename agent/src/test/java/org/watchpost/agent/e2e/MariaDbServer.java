package org.watchpost.agent.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A throwaway MariaDB server: its own datadir, socket and pid file in a temp directory, listening on a free port of
 * 127.0.0.1 only, with small buffers so it starts in about a second and leaves room for the rest of the build.
 * Nothing of the system's MariaDB is used or touched: {@code --no-defaults} keeps {@code /etc/mysql} out.
 *
 * <pre>{@code
 * try (MariaDbServer db = MariaDbServer.start()) {
 *     db.sql("CREATE DATABASE press");
 * }
 * }</pre>
 *
 * <p>Not thread-safe; one test class drives it at a time.
 */
public final class MariaDbServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;
    /** Unix socket paths are limited to 108 bytes by the kernel; MariaDB refuses longer ones at start. */
    private static final int MAX_SOCKET_PATH = 100;

    private final Path dir;
    private final Path socket;
    private final Path client;
    private final Path mariadbd;
    private final Path log;
    private final boolean root;
    /** The running (or last) mariadbd; replaced by {@link #restart()}. */
    private LocalProcess server;
    private int port;
    private boolean stopped;
    /** Held sessions opened so far; bounded, since each is a process and a connection. */
    private final AtomicInteger holds = new AtomicInteger();
    private final List<HeldSession> held = new CopyOnWriteArrayList<>();
    private static final int MAX_HOLDS = 64;

    private MariaDbServer(Path dir, Path socket, Path client, Path mariadbd, Path log, boolean root) {
        this.dir = dir;
        this.socket = socket;
        this.client = client;
        this.mariadbd = mariadbd;
        this.log = log;
        this.root = root;
    }

    /**
     * Initialises a datadir and starts {@code mariadbd} on it; returns once it answers {@code SELECT 1}.
     *
     * @throws IllegalStateException when a MariaDB program is missing (naming its Debian package), or the server does
     *                               not start (with the end of its error log)
     */
    public static MariaDbServer start() {
        Path mariadbd = Binaries.require("mariadbd", "mariadb-server");
        Path installDb = Binaries.require("mariadb-install-db", "mariadb-server");
        Path client = Binaries.require("mariadb", "mariadb-client");
        Path dir;
        try {
            dir = Files.createTempDirectory("watchpost-mariadb-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temp directory for MariaDB", e);
        }
        try {
            return start(dir, mariadbd, installDb, client);
        } catch (RuntimeException | Error e) {
            LocalProcess.deleteTree(dir);
            throw e;
        }
    }

    private static MariaDbServer start(Path dir, Path mariadbd, Path installDb, Path client) {
        Path socket = dir.resolve("mariadb.sock");
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            throw new IllegalStateException("the MariaDB socket path " + socket + " is longer than " + MAX_SOCKET_PATH
                    + " bytes, which Unix sockets cannot hold: point java.io.tmpdir at a shorter directory");
        }
        Path datadir = dir.resolve("data");
        Path tmp = dir.resolve("tmp");
        Path log = dir.resolve("mariadb.log");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + tmp, e);
        }
        boolean root = "root".equals(System.getProperty("user.name"));

        List<String> install = new ArrayList<>(List.of(installDb.toString(),
                "--no-defaults",
                "--datadir=" + datadir,
                "--tmpdir=" + tmp,
                // Root keeps a password login (empty) so the client can log in over the socket as any OS user.
                "--auth-root-authentication-method=normal",
                "--skip-test-db",
                "--skip-name-resolve"));
        if (root) {
            // mariadbd refuses to run as root unless told to; the datadir must then belong to root as well.
            install.add("--user=root");
        }
        LocalProcess installer = LocalProcess.start("mariadb-install-db", install, Map.of(), log);
        if (!installer.awaitExit(START_TIMEOUT)) {
            throw new IllegalStateException("mariadb-install-db did not finish within " + START_TIMEOUT + "\n"
                    + installer.logTail());
        }
        if (installer.exitCodeOrMinusOne() != 0) {
            throw new IllegalStateException("mariadb-install-db failed with exit code "
                    + installer.exitCodeOrMinusOne() + "\n" + installer.logTail());
        }

        MariaDbServer db = new MariaDbServer(dir, socket, client, mariadbd, log, root);
        for (int attempt = 1; ; attempt++) {
            int port = LocalProcess.freeLoopbackPort();
            if (db.launch(port)) {
                return db;
            }
            String tail = db.server.logTail();
            db.server.stop(STOP_GRACE);
            if (attempt < START_ATTEMPTS && tail.contains("Address already in use")) {
                continue;
            }
            throw new IllegalStateException("mariadbd exited with code " + db.server.exitCodeOrMinusOne()
                    + " before accepting connections on 127.0.0.1:" + port + "\n" + tail);
        }
    }

    /**
     * Starts mariadbd on the datadir, listening on {@code port}.
     *
     * @return true once it answers {@code SELECT 1}; false when it exited first, and then its log says why
     * @throws IllegalStateException when it neither exits nor answers within 60 s
     */
    private boolean launch(int port) {
        List<String> command = new ArrayList<>(List.of(mariadbd.toString(),
                "--no-defaults",
                "--datadir=" + dir.resolve("data"),
                "--tmpdir=" + dir.resolve("tmp"),
                "--socket=" + socket,
                "--pid-file=" + dir.resolve("mariadb.pid"),
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--skip-name-resolve",
                "--log-error=" + log,
                "--skip-log-bin",
                "--performance-schema=OFF",
                "--innodb-buffer-pool-size=16M",
                "--innodb-log-file-size=8M",
                // Containers often forbid io_uring/libaio; plain I/O is plenty for a test database.
                "--innodb-use-native-aio=OFF",
                "--key-buffer-size=1M",
                "--max-connections=50"));
        if (root) {
            command.add("--user=root");
        }
        this.server = LocalProcess.start("mariadbd", command, Map.of(), log);
        this.port = port;
        try {
            return server.awaitReady("accepting connections", START_TIMEOUT,
                    () -> LocalProcess.accepts(port) && trySql("SELECT 1").exitCode() == 0);
        } catch (RuntimeException e) {
            server.stop(STOP_GRACE);
            throw e;
        }
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public Path socket() {
        return socket;
    }

    public long pid() {
        return server.pid();
    }

    /**
     * Runs {@code statements} (one or more, separated by {@code ;}) as root through the {@code mariadb} client, in
     * batch mode without column names.
     *
     * @return the client's stdout: one line per row, columns separated by tabs
     * @throws IllegalStateException when the client fails, with its stderr (which holds MariaDB's error)
     */
    public String sql(String statements) {
        SqlResult r = trySql(statements);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("the mariadb client failed with exit code " + r.exitCode() + ":\n"
                    + r.stderr() + "\nstatements:\n" + statements);
        }
        return r.stdout();
    }

    /** Like {@link #sql} but reports a failure instead of throwing, for tests that expect MariaDB to refuse. */
    public SqlResult trySql(String statements) {
        Path in = dir.resolve("client.in");
        Path out = dir.resolve("client.out");
        Path err = dir.resolve("client.err");
        try {
            Files.writeString(in, statements, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(client.toString(),
                    "--no-defaults",
                    "--protocol=socket",
                    "--socket=" + socket,
                    "--user=root",
                    "--batch",
                    "--skip-column-names",
                    "--default-character-set=utf8mb4")
                    .redirectInput(in.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("the mariadb client did not finish within " + CLIENT_TIMEOUT
                        + " running:\n" + statements + "\n" + logTail());
            }
            return new SqlResult(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run the mariadb client", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running the mariadb client", e);
        }
    }

    /**
     * Runs {@code statements} (none, or some ending in {@code ;}) as root in a client session, then keeps the session
     * open in a {@code SELECT SLEEP} until the returned handle is closed: it takes a connection slot and keeps any
     * lock its statements took, as a stuck request or a long report does. Returns once MariaDB shows the session
     * sleeping.
     *
     * @throws IllegalStateException when the session does not show up within 60 s, with the client's output
     */
    public HeldSession hold(String statements) {
        if (stopped) {
            throw new IllegalStateException("this MariaDB was stopped and its directory deleted");
        }
        int n = holds.incrementAndGet();
        if (n > MAX_HOLDS) {
            throw new IllegalStateException("this fixture already opened " + MAX_HOLDS + " held sessions, its limit");
        }
        String marker = "watchpost-hold-" + n;
        Path out = dir.resolve(marker + ".log");
        LocalProcess session = LocalProcess.start("mariadb " + marker, List.of(client.toString(),
                "--no-defaults", "--protocol=socket", "--socket=" + socket, "--user=root", "--batch",
                "--comments", "-e", statements + " SELECT SLEEP(3600) /* " + marker + " */"), Map.of(), out);
        String find = "SELECT ID FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND INFO LIKE '%"
                + marker + "%'";
        try {
            session.awaitReady("holding its session", CLIENT_TIMEOUT, () -> !sql(find).isBlank());
        } catch (RuntimeException e) {
            session.stop(STOP_GRACE);
            throw e;
        }
        if (!session.isAlive()) {
            throw new IllegalStateException("the held session " + marker + " ended before holding anything:\n"
                    + session.logTail());
        }
        HeldSession h = new HeldSession(this, session, Long.parseLong(sql(find).strip()));
        held.add(h);
        return h;
    }

    /**
     * A client session kept open by a {@code mariadb} child process. Closing it kills the session in the server
     * (a client that goes away in the middle of {@code SLEEP} is only noticed when the sleep ends, and would keep its
     * slot and locks until then) and ends the process by its PID. Idempotent.
     */
    public static final class HeldSession implements AutoCloseable {
        private final MariaDbServer server;
        private final LocalProcess session;
        private final long connectionId;
        private boolean closed;

        private HeldSession(MariaDbServer server, LocalProcess session, long connectionId) {
            this.server = server;
            this.session = session;
            this.connectionId = connectionId;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (server.server.isAlive()) {
                    server.trySql("KILL CONNECTION " + connectionId);
                }
            } finally {
                session.stop(Duration.ofSeconds(5));
            }
        }
    }

    /** The end of the server's error log, for failure messages. */
    public String logTail() {
        return server.logTail();
    }

    /**
     * Stops mariadbd by its PID (SIGTERM, SIGKILL after 30 s) and keeps the datadir, the way a database goes down under
     * a running site: clients connecting to 127.0.0.1:{@link #port()} are now refused. {@link #restart()} brings the
     * same data back on the same port.
     *
     * @return mariadbd's exit code; 0 when it shut down cleanly
     */
    public int shutDown() {
        if (stopped) {
            throw new IllegalStateException("this MariaDB was stopped and its directory deleted");
        }
        return server.stop(STOP_GRACE);
    }

    /**
     * Starts mariadbd again on the same datadir and port after {@link #shutDown()}; returns once it answers
     * {@code SELECT 1}. The port stays the same because the site under test has it in its configuration.
     *
     * @throws IllegalStateException when mariadbd still runs, or does not come back (with the end of its log)
     */
    public void restart() {
        if (stopped) {
            throw new IllegalStateException("this MariaDB was stopped and its directory deleted; start a new one");
        }
        if (server.isAlive()) {
            throw new IllegalStateException("mariadbd (pid " + server.pid() + ") is still running: shutDown() first");
        }
        if (!launch(port)) {
            String tail = server.logTail();
            server.stop(STOP_GRACE);
            throw new IllegalStateException("mariadbd exited with code " + server.exitCodeOrMinusOne()
                    + " instead of coming back on 127.0.0.1:" + port
                    + (tail.contains("Address already in use") ? " (another process took the port meanwhile)" : "")
                    + "\n" + tail);
        }
    }

    /** Stops the server by its PID (SIGTERM, SIGKILL after 30 s) and deletes its directory. Idempotent. */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            held.forEach(HeldSession::close);
        } finally {
            server.stop(STOP_GRACE);
            LocalProcess.deleteTree(dir);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** What the {@code mariadb} client did: its exit code and both outputs. */
    public record SqlResult(int exitCode, String stdout, String stderr) {
    }
}
