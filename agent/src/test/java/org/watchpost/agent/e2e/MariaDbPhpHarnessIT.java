package org.watchpost.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The harness itself, without the agent: proves that the seed site fails the way the founding case did, for real
 * reasons. If this class fails, {@link SeedFailureIT} says nothing about the agent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbPhpHarnessIT {
    static final String TABLE_FULL = "SQLSTATE[HY000]: General error: 1114 The table 'watchdog' is full";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private SeedSite site;

    @BeforeAll
    void startSite() {
        site = SeedSite.start();
    }

    @AfterAll
    void stopSite() {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void mariaDbItselfRefusesAnotherWatchdogRowWithError1114() {
        MariaDbServer.SqlResult r = site.db().trySql(
                "INSERT INTO press.watchdog (type, message, variables) VALUES ('php', 'one more', 'a:0:{}')");

        assertThat(r.exitCode()).as("mariadb client exit code; stderr: %s", r.stderr()).isNotZero();
        assertThat(r.stderr()).contains("ERROR 1114 (HY000)").contains("The table 'watchdog' is full");
    }

    @Test
    void pressPageAnswers200WithTheArticleFollowedByPhpsFatalTableFullError() throws Exception {
        HttpResponse<String> page = get(site.pressUrl());

        // PHP has already sent the article, and with it the status line, when the INSERT fails: the status stays 200.
        assertThat(page.statusCode()).as("status of %s", site.pressUrl()).isEqualTo(200);
        String body = page.body();
        assertThat(body).as("press.php body").contains("<title>" + SeedSite.PRESS_TITLE, "</footer>", "</html>");
        assertThat(body).contains("<b>Fatal error</b>:  Uncaught PDOException: " + TABLE_FULL);
        assertThat(body.indexOf(TABLE_FULL)).as("the error comes after the rendered page")
                .isGreaterThan(body.indexOf("</html>"));
    }

    @Test
    void pressPageDoesNotAddRowsToTheFullTable() throws Exception {
        String before = site.db().sql("SELECT COUNT(*) FROM press.watchdog").strip();

        assertThat(get(site.pressUrl()).body()).contains(TABLE_FULL);

        assertThat(site.db().sql("SELECT COUNT(*) FROM press.watchdog").strip()).isEqualTo(before);
    }

    @Test
    void healthyPageOnTheSameDatabaseRendersNormally() throws Exception {
        HttpResponse<String> page = get(site.healthyUrl());

        assertThat(page.statusCode()).isEqualTo(200);
        // The title comes from a SELECT on the same MariaDB, so the page proves the database is otherwise fine.
        assertThat(page.body()).contains("<h1 class=\"page-title\">" + SeedSite.HEALTHY_TITLE + "</h1>")
                .doesNotContain("Fatal error", "SQLSTATE", "watchdog");
        assertThat(page.body().strip()).endsWith("</html>");
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return response;
    }
}
