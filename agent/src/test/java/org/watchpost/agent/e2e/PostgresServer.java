package org.watchpost.agent.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A throwaway PostgreSQL server: a cluster initialised in a temp directory, listening on a free port of 127.0.0.1
 * only, its Unix socket in that directory, with a connection limit the test chooses, so a test can use up every slot
 * the way a busy site does. Nothing of the system's clusters is used or touched.
 *
 * <pre>{@code
 * try (PostgresServer db = PostgresServer.start(5, 1)) {
 *     db.sql("CREATE ROLE news LOGIN PASSWORD 'secret'");
 *     try (PostgresServer.HeldConnection c = db.hold(new PostgresServer.Login("news", "secret", "postgres"))) { … }
 * }
 * }</pre>
 *
 * <p>PostgreSQL refuses to run as root. When the tests run as root (as CI does), the server runs as the OS user
 * {@code postgres}, which the Debian package creates, through {@code setpriv}: unlike {@code runuser} it execs instead
 * of forking, so the PID this fixture holds is the postmaster's own and signals reach it directly.
 *
 * <p>Not thread-safe; one test class drives it at a time.
 */
public final class PostgresServer implements AutoCloseable {
    /** The superuser that {@code initdb} creates; it logs in without a password over the socket. */
    public static final String SUPERUSER = "postgres";
    /** The superuser's password over TCP, where every login needs one, as on a real server. */
    public static final String SUPERUSER_PASSWORD = "postgres-secret";
    private static final String OS_USER = "postgres";
    private static final String DEBIAN_PACKAGE = "postgresql";
    private static final Path INSTALL_ROOT = Path.of("/usr/lib/postgresql");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HOLD_TIMEOUT = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 3;
    /** Each held connection is a psql process and a log file; more than this is a test gone wrong, not a scenario. */
    private static final int MAX_HELD = 64;
    /** The kernel's limit for a Unix socket path is 107 bytes; PostgreSQL puts {@code /.s.PGSQL.PORT} after the dir. */
    private static final int MAX_SOCKET_DIR = 107 - "/.s.PGSQL.65535".length();

    private final Path dir;
    private final Path bin;
    private final LocalProcess server;
    private final int port;
    private final List<HeldConnection> held = new ArrayList<>();
    /** Set once stopped. */
    private Integer exitCode;

    private PostgresServer(Path dir, Path bin, LocalProcess server, int port) {
        this.dir = dir;
        this.bin = bin;
        this.server = server;
        this.port = port;
    }

    /** A login over TCP: who, with which password, into which database. */
    public record Login(String user, String password, String database) {
        public Login {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(database, "database");
        }
    }

    /** What {@code psql} did: its exit code (0 ok, 1 SQL error, 2 connection refused or lost) and both outputs. */
    public record SqlResult(int exitCode, String stdout, String stderr) {
    }

    /** A server with PostgreSQL's default limits (100 connections, 3 reserved for superusers). */
    public static PostgresServer start() {
        return start(100, 3);
    }

    /**
     * Initialises a cluster and starts {@code postgres} on it; returns once the superuser gets an answer to
     * {@code SELECT 1}.
     *
     * @param maxConnections               {@code max_connections}: every client connection takes one slot
     * @param superuserReservedConnections {@code superuser_reserved_connections}: of those, the slots only superusers
     *                                     may take; ordinary roles get the rest
     * @throws IllegalStateException when a PostgreSQL program is missing (naming its Debian package), the tests run as
     *                               root and the {@code postgres} OS user cannot be used, or the server does not start
     *                               (with the end of its log)
     */
    public static PostgresServer start(int maxConnections, int superuserReservedConnections) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
        }
        if (superuserReservedConnections < 0 || superuserReservedConnections >= maxConnections) {
            throw new IllegalArgumentException("superuserReservedConnections must be from 0 to maxConnections - 1 ("
                    + (maxConnections - 1) + "), was " + superuserReservedConnections);
        }
        Path bin = binDir();
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> asPostgres = root
                ? List.of(Binaries.require("setpriv", "util-linux").toString(),
                        "--reuid=" + OS_USER, "--regid=" + OS_USER, "--init-groups", "--")
                : List.of();
        Path dir;
        try {
            dir = Files.createTempDirectory("watchpost-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temp directory for PostgreSQL", e);
        }
        try {
            if (root) {
                handOverToPostgresUser(dir);
            }
            return start(dir, bin, asPostgres, maxConnections, superuserReservedConnections);
        } catch (RuntimeException | Error e) {
            LocalProcess.deleteTree(dir);
            throw e;
        }
    }

    /** The newest {@code /usr/lib/postgresql/VERSION/bin} that holds every program this fixture runs. */
    private static Path binDir() {
        List<String> programs = List.of("initdb", "postgres", "psql");
        List<Path> candidates;
        try (Stream<Path> versions = Files.isDirectory(INSTALL_ROOT) ? Files.list(INSTALL_ROOT) : Stream.empty()) {
            candidates = versions.map(v -> v.resolve("bin"))
                    .filter(b -> programs.stream().allMatch(p -> Files.isExecutable(b.resolve(p))))
                    .sorted(Comparator.comparing(PostgresServer::majorVersion))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + INSTALL_ROOT, e);
        }
        if (candidates.isEmpty()) {
            throw new IllegalStateException("the e2e tests need PostgreSQL's " + String.join(", ", programs)
                    + ", which are not in " + INSTALL_ROOT + "/VERSION/bin: install the Debian package "
                    + DEBIAN_PACKAGE + " (apt-get install " + DEBIAN_PACKAGE + "), or run .ci/run, which installs"
                    + " everything the e2e tests use");
        }
        return candidates.get(candidates.size() - 1);
    }

    private static int majorVersion(Path binDir) {
        try {
            return Integer.parseInt(binDir.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Gives the temp directory to the {@code postgres} OS user, which must also be able to reach it: initdb and the
     * server run as that user and create the datadir, the socket and the lock file in it.
     */
    private static void handOverToPostgresUser(Path dir) {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user;
        GroupPrincipal group;
        try {
            user = users.lookupPrincipalByName(OS_USER);
            group = users.lookupPrincipalByGroupName(OS_USER);
        } catch (UserPrincipalNotFoundException e) {
            throw new IllegalStateException("the e2e tests run as root, and PostgreSQL refuses to run as root, so it"
                    + " runs as the OS user and group '" + OS_USER + "', but '" + e.getName() + "' does not exist:"
                    + " install the Debian package " + DEBIAN_PACKAGE + ", which creates it, or run the tests as an"
                    + " ordinary user");
        } catch (IOException e) {
            throw new UncheckedIOException("could not look up the OS user " + OS_USER, e);
        }
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
            view.setOwner(user);
            view.setGroup(group);
            for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
                if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)
                        && !Files.getOwner(p).equals(user)) {
                    throw new IllegalStateException("PostgreSQL runs as the OS user '" + OS_USER + "', which cannot"
                            + " enter " + p + " (" + PosixFilePermissions.toString(Files.getPosixFilePermissions(p))
                            + ") on the way to " + dir + ": point java.io.tmpdir at a directory every user can"
                            + " traverse, such as /tmp");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not give " + dir + " to the OS user " + OS_USER, e);
        }
    }

    private static PostgresServer start(Path dir, Path bin, List<String> asPostgres, int maxConnections,
                                        int reserved) {
        if (dir.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_DIR) {
            throw new IllegalStateException("the PostgreSQL socket directory " + dir + " is longer than "
                    + MAX_SOCKET_DIR + " bytes, too long for a Unix socket path: point java.io.tmpdir at a shorter"
                    + " directory");
        }
        Path datadir = dir.resolve("data");
        Path log = dir.resolve("postgres.log");
        List<String> initdb = new ArrayList<>(asPostgres);
        initdb.addAll(List.of(bin.resolve("initdb").toString(),
                "--pgdata=" + datadir,
                "--username=" + SUPERUSER,
                // The superuser gets in over the socket for set-up and inspection; over TCP everyone needs a password,
                // as a site's database role does in production.
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
                "--no-instructions"));
        LocalProcess installer = LocalProcess.start("initdb", initdb, Map.of(), log);
        if (!installer.awaitExit(START_TIMEOUT)) {
            throw new IllegalStateException("initdb did not finish within " + START_TIMEOUT + "\n"
                    + installer.logTail());
        }
        if (installer.exitCodeOrMinusOne() != 0) {
            String tail = installer.logTail();
            throw new IllegalStateException("initdb failed with exit code " + installer.exitCodeOrMinusOne()
                    + (tail.contains("ermission denied") ? " (the OS user " + OS_USER + " cannot write " + dir + ")"
                    : "") + "\n" + tail);
        }

        for (int attempt = 1; ; attempt++) {
            int port = LocalProcess.freeLoopbackPort();
            List<String> command = new ArrayList<>(asPostgres);
            command.addAll(List.of(bin.resolve("postgres").toString(),
                    "-D", datadir.toString(),
                    "-p", Integer.toString(port),
                    "-c", "listen_addresses=127.0.0.1",
                    "-c", "unix_socket_directories=" + dir,
                    "-c", "max_connections=" + maxConnections,
                    "-c", "superuser_reserved_connections=" + reserved,
                    // Small and unsafe on power loss: a test database lives for seconds and shares two cores.
                    "-c", "shared_buffers=16MB",
                    "-c", "fsync=off",
                    "-c", "synchronous_commit=off",
                    "-c", "full_page_writes=off"));
            LocalProcess server = LocalProcess.start("postgres", command, Map.of(), log);
            PostgresServer db = new PostgresServer(dir, bin, server, port);
            try {
                if (server.awaitReady("accepting connections", START_TIMEOUT,
                        () -> LocalProcess.accepts(port) && db.trySql("SELECT 1").exitCode() == 0)) {
                    db.sql("ALTER ROLE " + SUPERUSER + " PASSWORD '" + SUPERUSER_PASSWORD + "'");
                    return db;
                }
            } catch (RuntimeException e) {
                db.shutDownServer();
                throw e;
            }
            String tail = server.logTail();
            server.stop(STOP_GRACE);
            if (attempt < START_ATTEMPTS && tail.contains("Address already in use")) {
                continue;
            }
            throw new IllegalStateException("postgres exited with code " + server.exitCodeOrMinusOne()
                    + " before accepting connections on 127.0.0.1:" + port + "\n" + tail);
        }
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** The directory of the Unix socket ({@code .s.PGSQL.PORT}). */
    public Path socketDir() {
        return dir;
    }

    /** The postmaster's PID. */
    public long pid() {
        return server.pid();
    }

    /** The superuser's login over TCP to the {@code postgres} database. */
    public Login superuser() {
        return new Login(SUPERUSER, SUPERUSER_PASSWORD, "postgres");
    }

    /**
     * Runs a script as the superuser over the socket through {@code psql}: statements separated by {@code ;}, and
     * psql's meta-commands such as {@code \connect news}. It stops at the first error.
     *
     * @return psql's stdout: one line per row, columns separated by {@code |}
     * @throws IllegalStateException when psql fails, with its stderr (which holds PostgreSQL's error)
     */
    public String sql(String script) {
        SqlResult r = trySql(script);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("psql failed with exit code " + r.exitCode() + ":\n" + r.stderr()
                    + "\nscript:\n" + script);
        }
        return r.stdout();
    }

    /** Like {@link #sql} but reports a failure instead of throwing. */
    public SqlResult trySql(String script) {
        return psql(List.of("--host=" + dir, "--username=" + SUPERUSER, "--dbname=postgres"), Map.of(), script);
    }

    /**
     * Runs a script over TCP as {@code login}, the way a site connects; when the server refuses the connection, the
     * result has exit code 2 and PostgreSQL's own {@code FATAL} line in its stderr.
     */
    public SqlResult trySqlAs(Login login, String script) {
        return psql(tcpArgs(login), Map.of("PGPASSWORD", login.password()), script);
    }

    /**
     * Opens a connection over TCP as {@code login} and keeps it open, idle, until the returned handle is closed: it
     * takes one of the {@code max_connections} slots the whole time, like a connection pool or a stuck request. The
     * server closes all of them when it stops.
     *
     * @throws IllegalStateException when the connection is refused, with psql's message
     */
    public HeldConnection hold(Login login) {
        if (exitCode != null) {
            throw new IllegalStateException("this PostgreSQL has been stopped");
        }
        if (held.size() >= MAX_HELD) {
            throw new IllegalStateException("this fixture already opened " + MAX_HELD + " held connections, its"
                    + " limit; a test that needs more slots taken should lower max_connections instead");
        }
        Path out = dir.resolve("held-" + (held.size() + 1) + ".log");
        List<String> command = new ArrayList<>(List.of(bin.resolve("psql").toString(), "--no-psqlrc",
                "--no-align", "--tuples-only"));
        command.addAll(tcpArgs(login));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().put("PGPASSWORD", login.password());
        pb.environment().put("PGCONNECT_TIMEOUT", "10");
        HeldConnection connection;
        try {
            connection = new HeldConnection(login, pb.start(), out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start psql", e);
        }
        held.add(connection);
        connection.awaitConnected();
        return connection;
    }

    private List<String> tcpArgs(Login login) {
        return List.of("--host=127.0.0.1", "--port=" + port, "--username=" + login.user(),
                "--dbname=" + login.database());
    }

    private SqlResult psql(List<String> connectArgs, Map<String, String> env, String script) {
        Path in = dir.resolve("client.in");
        Path out = dir.resolve("client.out");
        Path err = dir.resolve("client.err");
        List<String> command = new ArrayList<>(List.of(bin.resolve("psql").toString(),
                "--no-psqlrc",
                "--quiet",
                "--no-align",
                "--tuples-only",
                "--set=ON_ERROR_STOP=1",
                "--port=" + port));
        command.addAll(connectArgs);
        command.add("--file=" + in);
        try {
            Files.writeString(in, script, StandardCharsets.UTF_8);
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().putAll(env);
            pb.environment().put("PGCONNECT_TIMEOUT", "10");
            Process p = pb.start();
            if (!p.waitFor(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("psql did not finish within " + CLIENT_TIMEOUT + " running:\n"
                        + script + "\n" + logTail());
            }
            return new SqlResult(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run psql", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running psql", e);
        }
    }

    /**
     * Starts PostgreSQL's smart shutdown (SIGTERM to the postmaster's PID) and returns at once: while a client still
     * holds a connection the server keeps running but refuses every new one with {@code FATAL: the database system
     * is shutting down}. {@link #stop()} closes the held connections and finishes the shutdown.
     */
    public void beginSmartShutdown() {
        if (exitCode != null) {
            throw new IllegalStateException("this PostgreSQL has been stopped");
        }
        server.signalTerm();
    }

    /** The end of the server's log, for failure messages. */
    public String logTail() {
        return server.logTail();
    }

    /**
     * Closes the held connections, stops the server by its PID and deletes its directory. Idempotent.
     *
     * @return the postmaster's exit code: 0 after a clean shutdown, 137 when it had to be killed
     */
    public int stop() {
        if (exitCode == null) {
            try {
                for (HeldConnection c : held) {
                    c.close();
                }
            } finally {
                exitCode = shutDownServer();
                LocalProcess.deleteTree(dir);
            }
        }
        return exitCode;
    }

    /**
     * SIGINT, PostgreSQL's fast shutdown, which ends open sessions; the SIGTERM LocalProcess sends is a smart
     * shutdown, which waits for every client to leave and would hang on a connection a test still holds. SIGKILL
     * after 30 s in any case.
     */
    private int shutDownServer() {
        if (server.isAlive()) {
            try {
                // The shell's built-in kill: /bin/kill comes from procps, which minimal images leave out.
                Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -INT \"$1\"", "sh",
                        Long.toString(server.pid()))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                kill.waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                // Without a shell the bounded SIGTERM-then-SIGKILL below still ends the server.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        server.awaitExit(STOP_GRACE);
        return server.exitCodeOrMinusOne();
    }

    @Override
    public void close() {
        stop();
    }

    /** One idle client connection held open by a {@code psql} child process; closing it ends psql cleanly. */
    public static final class HeldConnection implements AutoCloseable {
        private static final String MARKER = "connection held";

        private final Login login;
        private final Process psql;
        private final Path output;
        private boolean closed;

        private HeldConnection(Login login, Process psql, Path output) {
            this.login = login;
            this.psql = psql;
            this.output = output;
        }

        /** Waits until psql has answered a query on the connection, so the slot is surely taken. */
        private void awaitConnected() {
            try {
                OutputStream stdin = psql.getOutputStream();
                stdin.write(("SELECT '" + MARKER + "';\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            } catch (IOException e) {
                // psql already exited (refused): its output below says why.
            }
            try {
                Awaitility.await("psql to connect as " + login.user())
                        .atMost(HOLD_TIMEOUT)
                        .pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> output().contains(MARKER) || !psql.isAlive());
            } catch (ConditionTimeoutException e) {
                close();
                throw new IllegalStateException("psql was still not connected as " + login.user() + " after "
                        + HOLD_TIMEOUT + "; its output: " + output(), e);
            }
            if (!output().contains(MARKER)) {
                close();
                throw new IllegalStateException("psql could not connect as " + login.user() + " to hold a"
                        + " connection: " + output().strip());
            }
        }

        public boolean isAlive() {
            return psql.isAlive();
        }

        /** What psql printed, errors included. */
        public String output() {
            try {
                return Files.exists(output) ? Files.readString(output) : "";
            } catch (IOException e) {
                return "(could not read " + output + ": " + e.getMessage() + ")";
            }
        }

        /**
         * Closes psql's stdin, so it ends the session the polite way, and waits for it (SIGKILL after 10 s). The
         * server frees the slot as soon as the session ends. Idempotent.
         */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                psql.getOutputStream().close();
            } catch (IOException e) {
                // Already gone; waiting below is all that is left.
            }
            try {
                if (!psql.waitFor(10, TimeUnit.SECONDS)) {
                    psql.destroyForcibly();
                    psql.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                psql.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
