package org.watchpost.agent.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The founding failure, rebuilt from real parts: a MariaDB whose {@code watchdog} log table is genuinely full, and a
 * PHP site on it with two pages. {@code /press.php} renders its press release and then dies writing its log row, so
 * the visitor gets the article followed by {@code SQLSTATE[HY000]: General error: 1114 The table 'watchdog' is full};
 * {@code /healthy.php} only reads and renders normally.
 *
 * <pre>{@code
 * try (SeedSite site = SeedSite.start()) {
 *     agentConfig.target("seed-press", site.pressUrl());
 * }
 * }</pre>
 */
public final class SeedSite implements AutoCloseable {
    /** The article titles the pages read from the {@code node} table (see {@code e2e/sql/seed-site.sql}). */
    public static final String PRESS_TITLE = "Institute launches regional programme on cybercrime and justice";
    public static final String HEALTHY_TITLE = "New report on access to justice for victims of trafficking";

    private static final String DB_NAME = "press";
    private static final String DB_USER = "press";
    private static final String DB_PASSWORD = "press-secret";
    /** The cap MariaDB puts on the MEMORY watchdog table: room for a handful of rows, reached in a few inserts. */
    private static final long WATCHDOG_BYTES = 256 * 1024;
    /**
     * Each fill step doubles the rows; about five fill the cap. The bound keeps a cap that is silently ignored (say, a
     * MariaDB that turned MEMORY into another engine) from filling the disk instead: 12 steps are 4096 rows.
     */
    private static final int MAX_FILL_STEPS = 12;
    private static final List<String> PAGES = List.of("site.php", "press.php", "healthy.php");

    private final MariaDbServer db;
    private final PhpServer php;
    private final Path docroot;

    private SeedSite(MariaDbServer db, PhpServer php, Path docroot) {
        this.db = db;
        this.php = php;
        this.docroot = docroot;
    }

    /**
     * Starts MariaDB, loads the site's schema and content, fills {@code watchdog} until MariaDB itself answers error
     * 1114, and starts PHP on a copy of the pages.
     */
    public static SeedSite start() {
        PhpServer.requireExtension("pdo_mysql", "php-mysql");
        MariaDbServer db = MariaDbServer.start();
        Path docroot = null;
        try {
            db.sql(resource("e2e/sql/seed-site.sql")
                    .replace("${password}", DB_PASSWORD)
                    .replace("${watchdog_bytes}", Long.toString(WATCHDOG_BYTES)));
            fillWatchdog(db);
            docroot = Files.createTempDirectory("watchpost-docroot-");
            for (String page : PAGES) {
                Files.writeString(docroot.resolve(page), resource("e2e/php/" + page), StandardCharsets.UTF_8);
            }
            PhpServer php = PhpServer.start(docroot, Map.of(
                    "DB_HOST", db.host(),
                    "DB_PORT", Integer.toString(db.port()),
                    "DB_NAME", DB_NAME,
                    "DB_USER", DB_USER,
                    "DB_PASSWORD", DB_PASSWORD));
            return new SeedSite(db, php, docroot);
        } catch (IOException e) {
            db.stop();
            deleteQuietly(docroot);
            throw new UncheckedIOException("could not write the PHP pages", e);
        } catch (RuntimeException | Error e) {
            db.stop();
            deleteQuietly(docroot);
            throw e;
        }
    }

    /** Doubles the rows with INSERT ... SELECT until MariaDB refuses with 1114; a MEMORY table keeps what fitted. */
    private static void fillWatchdog(MariaDbServer db) {
        String doubling = "INSERT INTO press.watchdog (uid, type, message, variables, severity, location, hostname, timestamp)"
                + " SELECT uid, type, message, variables, severity, location, hostname, timestamp FROM press.watchdog";
        for (int step = 0; step < MAX_FILL_STEPS; step++) {
            MariaDbServer.SqlResult r = db.trySql(doubling);
            if (r.exitCode() != 0) {
                if (r.stderr().contains("ERROR 1114")) {
                    return;
                }
                throw new IllegalStateException("filling the watchdog table failed with something other than 1114:\n"
                        + r.stderr());
            }
        }
        throw new IllegalStateException("the watchdog table was still not full after " + MAX_FILL_STEPS
                + " doublings; is max_heap_table_size being ignored?\n" + db.sql("SHOW TABLE STATUS FROM press"));
    }

    /** A text resource of the e2e tests ({@code e2e/php/...}, {@code e2e/sql/...}); the other site tests share them. */
    static String resource(String name) throws IOException {
        try (InputStream in = SeedSite.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing from the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir != null) {
            LocalProcess.deleteTree(dir);
        }
    }

    public MariaDbServer db() {
        return db;
    }

    public PhpServer php() {
        return php;
    }

    /** The page that shows the seed failure. */
    public URI pressUrl() {
        return php.url("/press.php");
    }

    /** The page on the same site and database that stays healthy. */
    public URI healthyUrl() {
        return php.url("/healthy.php");
    }

    /** Both servers' log tails, for failure messages. */
    public String logTails() {
        return php.logTail() + "\n" + db.logTail();
    }

    @Override
    public void close() {
        try {
            php.stop();
        } finally {
            db.stop();
            deleteQuietly(docroot);
        }
    }
}
