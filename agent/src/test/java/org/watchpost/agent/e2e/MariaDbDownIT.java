package org.watchpost.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database server that goes away under a running site, end to end: a real PHP page connects to a real MariaDB over
 * TCP with PDO, the test stops MariaDB by its PID, and the agent must call the page down for {@code db_connection};
 * when MariaDB comes back on the same datadir, the page and the target recover.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MariaDbDownIT {
    private static final String TARGET = "article";
    private static final String DB_NAME = "press";
    private static final String DB_USER = "press";
    private static final String DB_PASSWORD = "press-secret";
    /** What PHP's PDO says when nothing listens on the database's TCP port. */
    private static final String REFUSED = "SQLSTATE[HY000] [2002] Connection refused";

    private MariaDbServer db;
    private PhpServer php;
    private AgentProcess agent;
    private String lastPage = "(the test has not fetched the page yet)";

    @BeforeAll
    void start(@TempDir Path work) throws IOException {
        PhpServer.requireExtension("pdo_mysql", "php-mysql");
        db = MariaDbServer.start();
        // The seed site's schema; this test only reads its articles, so its watchdog table stays as created.
        db.sql(SeedSite.resource("e2e/sql/seed-site.sql")
                .replace("${password}", DB_PASSWORD)
                .replace("${watchdog_bytes}", Long.toString(256 * 1024)));
        Path docroot = Files.createDirectories(work.resolve("docroot"));
        for (String page : List.of("site.php", "healthy.php")) {
            Files.writeString(docroot.resolve(page), SeedSite.resource("e2e/php/" + page), StandardCharsets.UTF_8);
        }
        php = PhpServer.start(docroot, Map.of(
                // An IP address, not "localhost": with "localhost" PDO would take the Unix socket instead of TCP.
                "DB_HOST", "127.0.0.1",
                "DB_PORT", Integer.toString(db.port()),
                "DB_NAME", DB_NAME,
                "DB_USER", DB_USER,
                "DB_PASSWORD", DB_PASSWORD));
        Path dataDir = work.resolve("data");
        Path config = work.resolve("agent.yml");
        Files.writeString(config, """
                agent:
                  id: e2e-mariadb-down
                  data_dir: %s
                journal:
                  max_bytes: 16MiB
                  segment_bytes: 1MiB
                  keep_free_bytes: 64MiB
                defaults:
                  interval: 2s
                  timeout: 1s
                  failure_threshold: 2
                  success_threshold: 1
                targets:
                  - name: %s
                    url: %s
                    labels: { site: unijr, page: article }
                """.formatted(dataDir, TARGET, articleUrl()));
        agent = AgentProcess.start(config, dataDir);
    }

    @AfterAll
    void stop() {
        try {
            if (agent != null) {
                agent.stop();
            }
        } finally {
            try {
                if (php != null) {
                    php.stop();
                }
            } finally {
                if (db != null) {
                    db.stop();
                }
            }
        }
    }

    @Test
    @Order(1)
    void articleIsUpWhileMariaDbRuns() {
        HttpResponse<String> page = fetchArticle();
        assertThat(page.statusCode()).as(lastPage).isEqualTo(200);
        assertThat(page.body()).as(lastPage).contains("<h1 class=\"page-title\">" + SeedSite.HEALTHY_TITLE + "</h1>");

        awaitUp(TARGET + " to be up");
    }

    @Test
    @Order(2)
    void whenMariaDbStopsTheArticleIsDownForDbConnection() {
        int exit = db.shutDown();
        assertThat(exit).as("mariadbd's exit code after SIGTERM\n%s", db.logTail()).isZero();
        assertThat(LocalProcess.accepts(db.port())).as("something still accepts on 127.0.0.1:%d", db.port()).isFalse();

        HttpResponse<String> page = fetchArticle();
        assertThat(page.body()).as(lastPage).contains("Uncaught PDOException: " + REFUSED)
                .doesNotContain(SeedSite.HEALTHY_TITLE);

        AgentAwait.metrics(agent, TARGET + " to be down with class db_connection", this::context, m -> {
            assertThat(m.has("watchpost_probe_failure_info", Map.of("target", TARGET, "class", "db_connection"), 1))
                    .as("watchpost_probe_failure_info{target=\"%s\",class=\"db_connection\"} 1", TARGET).isTrue();
            assertThat(m.value("watchpost_target_up", Map.of("target", TARGET)))
                    .as("watchpost_target_up{target=\"%s\"}", TARGET).hasValue(0);
            assertThat(m.value("watchpost_probe_success", Map.of("target", TARGET)))
                    .as("watchpost_probe_success{target=\"%s\"}", TARGET).hasValue(0);
        });
    }

    @Test
    @Order(3)
    void afterMariaDbRestartsOnTheSameDataTheArticleComesBackUp() {
        db.restart();

        // The title is read from the datadir the first server wrote, so the same database is back.
        HttpResponse<String> page = fetchArticle();
        assertThat(page.body()).as(lastPage).contains("<h1 class=\"page-title\">" + SeedSite.HEALTHY_TITLE + "</h1>");

        awaitUp(TARGET + " to be up again");
    }

    private void awaitUp(String what) {
        AgentAwait.metrics(agent, what, this::context, m -> {
            assertThat(m.value("watchpost_target_up", Map.of("target", TARGET)))
                    .as("watchpost_target_up{target=\"%s\"}", TARGET).hasValue(1);
            assertThat(m.value("watchpost_probe_success", Map.of("target", TARGET)))
                    .as("watchpost_probe_success{target=\"%s\"}", TARGET).hasValue(1);
            assertThat(m.find("watchpost_probe_failure_info", Map.of("target", TARGET)))
                    .as("failure_info series of %s at 1", TARGET)
                    .noneMatch(s -> s.value() == 1);
        });
    }

    private URI articleUrl() {
        return php.url("/healthy.php");
    }

    private HttpResponse<String> fetchArticle() {
        HttpResponse<String> page = AgentAwait.fetch(articleUrl());
        lastPage = AgentAwait.describe(page);
        return page;
    }

    /** For failure messages: the page as the test last saw it, and both servers' logs. */
    private String context() {
        return "the page as the test last fetched it:\n" + lastPage + "\n" + php.logTail() + "\n" + db.logTail();
    }
}
