package org.watchpost.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command as a new user runs it, with both jars built: the demo site, two agents and the real
 * collector. The founding case must become one incident with db_storage_full and the table name, and close again when
 * the site's cron clears the table; the regional outage is a partial view, not an incident of both; the status page
 * answers while it runs.
 */
class DemoIT {
    @TempDir
    Path dir;

    @Test
    void theSeedFailureBecomesOneIncidentThatOpensAndCloses() throws Exception {
        Path agentJar = Path.of(System.getProperty("agent.jar"));
        Path collectorJar = Path.of(System.getProperty("collector.jar"));
        assertThat(agentJar).isRegularFile();
        assertThat(collectorJar).isRegularFile();
        Path out = dir.resolve("demo.out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process demo = new ProcessBuilder(java, "-jar", agentJar.toString(), "demo", "--plain", "--duration", "70s",
                "--collector", collectorJar.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            String statusPage = null;
            int statusPageAnswer = -1;
            // The demo ends by itself; while it runs, the status page it names must answer.
            while (demo.isAlive()) {
                String text = Files.readString(out, StandardCharsets.UTF_8);
                Matcher m = Pattern.compile("status page: (http://127\\.0\\.0\\.1:\\d+/)").matcher(text);
                if (statusPageAnswer != 200 && m.find() && text.contains("incident #")) {
                    statusPage = m.group(1);
                    statusPageAnswer = get(statusPage);
                }
                demo.waitFor(500, TimeUnit.MILLISECONDS);
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(demo.exitValue()).as(text).isZero();
            assertThat(statusPage).as(text).isNotNull();
            assertThat(statusPageAnswer).as("GET " + statusPage).isEqualTo(200);

            Matcher opened = Pattern.compile("incident #(\\d+) opened: press db_storage_full, agents [^:]+: "
                    + ".*\\[table=watchdog]").matcher(text);
            assertThat(opened.find()).as(text).isTrue();
            String id = opened.group(1);
            assertThat(opened.find()).as("the press page opened a second incident:\n" + text).isFalse();
            assertThat(text).as(text).contains("incident #" + id + " resolved: press is up again");
            assertThat(text).as(text).containsPattern("portal +PARTIAL +UP +DOWN +upstream_unavailable +504");
            assertThat(text).doesNotContainPattern("incident #\\d+ opened: portal");
            assertThat(text).contains("Stopping the demo.");
        } finally {
            demo.destroyForcibly();
            demo.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static int get(String url) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }
}
