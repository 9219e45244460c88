package org.watchpost.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * A PostgreSQL that has run out of connection slots, end to end: a real PHP page (pdo_pgsql) renders its article and
 * then cannot connect, because the test holds every slot its role may use. The agent must call the page down for
 * {@code db_overloaded}, whichever of PostgreSQL's two refusals PHP shows, and up again once the slots are free.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresOverloadIT {
    private static final String TARGET = "news-article";
    /** Small enough to use up with a few psql processes; one slot stays for the superuser, as in production. */
    private static final int MAX_CONNECTIONS = 5;
    private static final int SUPERUSER_RESERVED = 1;
    private static final PostgresServer.Login SITE = new PostgresServer.Login("news", "news-secret", "news");
    private static final String ARTICLE_TITLE = "Institute publishes guidance on electronic evidence in criminal trials";
    /** A title that only a working database puts on the page (the "Latest news" block reads it). */
    private static final String FROM_DATABASE = "Call for experts: judicial training on environmental crime";
    /** What PostgreSQL says to an ordinary role when only the superuser slots are left (PostgreSQL 15 and 16 alike). */
    private static final String RESERVED_SLOTS = "remaining connection slots are reserved";
    /** What PostgreSQL says to anyone when no slot at all is left. */
    private static final String TOO_MANY_CLIENTS = "sorry, too many clients already";

    private PostgresServer db;
    private PhpServer php;
    private AgentProcess agent;
    private final List<PostgresServer.HeldConnection> held = new ArrayList<>();
    private String lastPage = "(the test has not fetched the page yet)";

    @BeforeAll
    void start(@TempDir Path work) throws IOException {
        PhpServer.requireExtension("pdo_pgsql", "php-pgsql");
        db = PostgresServer.start(MAX_CONNECTIONS, SUPERUSER_RESERVED);
        db.sql(SeedSite.resource("e2e/sql/news-site.pg.sql").replace("${password}", SITE.password()));
        Path docroot = Files.createDirectories(work.resolve("docroot"));
        for (String page : List.of("site.php", "news.php")) {
            Files.writeString(docroot.resolve(page), SeedSite.resource("e2e/php/" + page), StandardCharsets.UTF_8);
        }
        php = PhpServer.start(docroot, Map.of(
                "DB_HOST", db.host(),
                "DB_PORT", Integer.toString(db.port()),
                "DB_NAME", SITE.database(),
                "DB_USER", SITE.user(),
                "DB_PASSWORD", SITE.password()));
        Path dataDir = work.resolve("data");
        Path config = work.resolve("agent.yml");
        Files.writeString(config, """
                agent:
                  id: e2e-postgres
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
                    labels: { site: unijr, page: news }
                """.formatted(dataDir, TARGET, newsUrl()));
        agent = AgentProcess.start(config, dataDir);
    }

    @AfterAll
    void stop() {
        try {
            held.forEach(PostgresServer.HeldConnection::close);
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
    void newsPageIsUpWhileTheDatabaseHasFreeSlots() {
        HttpResponse<String> page = fetchNews();
        assertThat(page.statusCode()).as(lastPage).isEqualTo(200);
        assertThat(page.body()).as(lastPage).contains("<h1 class=\"page-title\">" + ARTICLE_TITLE, FROM_DATABASE)
                .doesNotContain("Fatal error", "SQLSTATE");
        assertThat(page.body().strip()).as(lastPage).endsWith("</html>");

        AgentAwait.metrics(agent, TARGET + " to be up", this::context, m -> {
            assertThat(m.value("watchpost_target_up", Map.of("target", TARGET)))
                    .as("watchpost_target_up{target=\"%s\"}", TARGET).hasValue(1);
            assertThat(m.value("watchpost_probe_success", Map.of("target", TARGET)))
                    .as("watchpost_probe_success{target=\"%s\"}", TARGET).hasValue(1);
        });
    }

    @Test
    @Order(2)
    void whenTheSiteRoleHasNoSlotLeftTheNewsPageIsDownForDbOverloaded() {
        for (int i = 0; i < MAX_CONNECTIONS - SUPERUSER_RESERVED; i++) {
            held.add(db.hold(SITE));
        }
        // PostgreSQL itself, not the page, is the judge of whether the slots are used up.
        PostgresServer.SqlResult refused = db.trySqlAs(SITE, "SELECT 1");
        assertThat(refused.exitCode()).as("psql as %s with %d connections held; stderr: %s", SITE.user(),
                held.size(), refused.stderr()).isEqualTo(2);
        assertThat(refused.stderr()).contains("FATAL:", RESERVED_SLOTS);

        HttpResponse<String> page = fetchNews();
        // The article went out before the connection failed, so the status line already said 200.
        assertThat(page.statusCode()).as(lastPage).isEqualTo(200);
        assertThat(page.body()).as(lastPage)
                .contains("<h1 class=\"page-title\">" + ARTICLE_TITLE, "Uncaught PDOException", RESERVED_SLOTS)
                .doesNotContain(FROM_DATABASE, "</footer>");

        awaitDownForDbOverloaded();
    }

    @Test
    @Order(3)
    void whenEverySlotIsTakenPhpShowsTooManyClientsAndTheTargetStaysDownForDbOverloaded() {
        held.add(db.hold(db.superuser()));
        PostgresServer.SqlResult refused = db.trySqlAs(SITE, "SELECT 1");
        assertThat(refused.exitCode()).as("psql as %s with every slot held; stderr: %s", SITE.user(),
                refused.stderr()).isEqualTo(2);
        assertThat(refused.stderr()).contains("FATAL:", TOO_MANY_CLIENTS);

        HttpResponse<String> page = fetchNews();
        assertThat(page.statusCode()).as(lastPage).isEqualTo(200);
        assertThat(page.body()).as(lastPage).contains("<h1 class=\"page-title\">" + ARTICLE_TITLE, TOO_MANY_CLIENTS);

        AgentAwait.target(agent, TARGET, TARGET + " to show a db_overloaded finding quoting '" + TOO_MANY_CLIENTS
                + "'", this::context, entry -> assertThat(AgentAwait.findings(entry))
                .as("findings of %s", TARGET)
                .anySatisfy(f -> {
                    assertThat(f.path("class").asText()).isEqualTo("db_overloaded");
                    assertThat(f.path("evidence").asText()).contains("too many clients");
                }));
        awaitDownForDbOverloaded();
    }

    @Test
    @Order(4)
    void afterTheConnectionsAreReleasedTheNewsPageComesBackUp() {
        held.forEach(PostgresServer.HeldConnection::close);
        held.clear();
        PostgresServer.SqlResult ok = db.trySqlAs(SITE, "SELECT count(*) FROM node");
        assertThat(ok.exitCode()).as("psql as %s after the release; stderr: %s", SITE.user(), ok.stderr())
                .isZero();

        AgentAwait.metrics(agent, TARGET + " to be up again", this::context, m -> {
            assertThat(m.value("watchpost_target_up", Map.of("target", TARGET)))
                    .as("watchpost_target_up{target=\"%s\"}", TARGET).hasValue(1);
            assertThat(m.find("watchpost_probe_failure_info", Map.of("target", TARGET)))
                    .as("failure_info series of %s at 1", TARGET)
                    .noneMatch(s -> s.value() == 1);
        });
        assertThat(fetchNews().body()).as(lastPage).contains(FROM_DATABASE);
    }

    private void awaitDownForDbOverloaded() {
        AgentAwait.metrics(agent, TARGET + " to be down with class db_overloaded", this::context, m -> {
            assertThat(m.has("watchpost_probe_failure_info", Map.of("target", TARGET, "class", "db_overloaded"), 1))
                    .as("watchpost_probe_failure_info{target=\"%s\",class=\"db_overloaded\"} 1", TARGET).isTrue();
            assertThat(m.value("watchpost_target_up", Map.of("target", TARGET)))
                    .as("watchpost_target_up{target=\"%s\"}", TARGET).hasValue(0);
            assertThat(m.value("watchpost_probe_success", Map.of("target", TARGET)))
                    .as("watchpost_probe_success{target=\"%s\"}", TARGET).hasValue(0);
        });
    }

    private URI newsUrl() {
        return php.url("/news.php");
    }

    private HttpResponse<String> fetchNews() {
        HttpResponse<String> page = AgentAwait.fetch(newsUrl());
        lastPage = AgentAwait.describe(page);
        return page;
    }

    /** For failure messages: the page as the test last saw it, and both servers' logs. */
    private String context() {
        return "the page as the test last fetched it:\n" + lastPage + "\n" + php.logTail() + "\n" + db.logTail();
    }
}
