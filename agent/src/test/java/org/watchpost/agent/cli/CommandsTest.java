package org.watchpost.agent.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.agent.daemon.TestSites;

class CommandsTest {
    @TempDir
    Path dir;

    private static final String SEED = "<html><head><title>Press</title></head><body><article><h1>Press release</h1>"
            + "<p>Text of the release.</p></article></body></html>\nThe website encountered an unexpected error. Please "
            + "try again later.<br><br><em class=\"placeholder\">Drupal\\Core\\Database\\DatabaseExceptionWrapper</em>: "
            + "SQLSTATE[HY000]: General error: 1114 The table &#039;watchdog&#039; is full: INSERT INTO {watchdog}";

    @Test
    void versionAndHelp() {
        Cli v = Cli.run("--version");
        assertThat(v.exit).isZero();
        assertThat(v.out).startsWith("watchpost-agent ");
        Cli h = Cli.run("--help");
        assertThat(h.out).contains("run").contains("classify").contains("check-config").contains("demo");
    }

    @Test
    void checkConfigAcceptsTheExample() {
        Cli c = Cli.run("check-config", "--config", "../examples/agent.yml");
        assertThat(c.exit).as(c.toString()).isZero();
        assertThat(c.out).contains("valid, 3 targets");
    }

    @Test
    void checkConfigPrintsEveryProblemWithItsPositionAndExits2() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yml"), """
                defaults:
                  interval: 30sec
                  failure_threshold: 0
                targets:
                  - name: a
                    url: https://example.org/
                    intervall: 30s
                  - name: a
                    url: ftp://example.org/
                """);
        Cli c = Cli.run("check-config", "--config", bad.toString());
        assertThat(c.exit).isEqualTo(2);
        String[] lines = c.err.strip().split("\n");
        assertThat(lines).hasSizeGreaterThanOrEqualTo(5);
        assertThat(lines).allSatisfy(l -> assertThat(l).matches(Pattern.quote(bad.toString()) + ":\\d+:\\d+: .+"));
        assertThat(c.err).contains(":2:13: ").contains("30sec").contains(":3:22: ").contains("intervall")
                .contains("already used by targets[0] on line 5").contains("not 'ftp'");
    }

    @Test
    void checkConfigOnAMissingFileSaysSo() {
        Cli c = Cli.run("check-config", "--config", dir.resolve("nope.yml").toString());
        assertThat(c.exit).isEqualTo(2);
        assertThat(c.err).contains("nope.yml: no such file");
    }

    @Test
    void classifyFilePrintsTheContractJsonAndExits1() throws IOException {
        Path page = Files.writeString(dir.resolve("seed.html"), SEED);
        Cli c = Cli.run("classify", page.toString());
        assertThat(c.exit).as(c.toString()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(c.out);
        assertThat(json.get("verdict").asText()).isEqualTo("down");
        assertThat(json.get("class").asText()).isEqualTo("db_storage_full");
        assertThat(json.get("status").asInt()).isEqualTo(200);
        JsonNode f = json.get("findings").get(0);
        assertThat(f.fieldNames()).toIterable().contains("class", "signature", "severity", "evidence", "hint");
        assertThat(f.get("evidence").asText()).contains("watchdog");
    }

    @Test
    void classifyHealthyPageExits0WithNullClass() throws IOException {
        Path page = Files.writeString(dir.resolve("ok.html"), "<html><body><p>All fine.</p></body></html>");
        Cli c = Cli.run("classify", page.toString());
        assertThat(c.exit).isZero();
        JsonNode json = new ObjectMapper().readTree(c.out);
        assertThat(json.get("verdict").asText()).isEqualTo("up");
        assertThat(json.get("class").isNull()).isTrue();
        assertThat(json.get("findings")).isEmpty();
    }

    @Test
    void classifyTextExplainsTheFinding() throws IOException {
        Path page = Files.writeString(dir.resolve("seed.html"), SEED);
        Cli c = Cli.run("classify", "--format", "text", page.toString());
        assertThat(c.exit).isEqualTo(1);
        assertThat(c.out).contains("verdict:  down (db_storage_full)").contains("mysql.table_full")
                .contains("evidence: [table=watchdog]").contains("hint:").contains("after </html>")
                .contains("score:").contains("≥ 0.60");
    }

    @Test
    void classifyUrlUsesTheRealProber() {
        WireMockServer site = TestSites.wiremock();
        try {
            site.stubFor(get(urlEqualTo("/down")).willReturn(aResponse().withStatus(502).withBody(
                    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway"
                            + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>")));
            Cli c = Cli.run("classify", "--format", "text", "--timeout", "5s",
                    "http://127.0.0.1:" + site.port() + "/down");
            assertThat(c.exit).as(c.toString()).isEqualTo(1);
            assertThat(c.out).contains("down (upstream_unavailable)").contains("status:   502");
        } finally {
            site.stop();
        }
    }

    @Test
    void classifyErrorsExit2WithAClearMessage() {
        assertThat(Cli.run("classify", dir.resolve("missing.html").toString()).err).contains("no such file");
        assertThat(Cli.run("classify", dir.resolve("missing.html").toString()).exit).isEqualTo(2);
        Cli fmt = Cli.run("classify", "--format", "xml", "x");
        assertThat(fmt.exit).isEqualTo(2);
        assertThat(fmt.err).contains("--format must be json or text");
        Cli t = Cli.run("classify", "--timeout", "10", "x");
        assertThat(t.exit).isEqualTo(2);
        assertThat(t.err).contains("10");
    }

    @Test
    void unknownOptionIsAUsageErrorWithExit2() {
        Cli c = Cli.run("run", "--config", "x.yml", "--bogus");
        assertThat(c.exit).isEqualTo(2);
        assertThat(c.err).contains("--bogus");
    }

    @Test
    void runRefusesAnInvalidConfigBeforeStarting() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yml"), "targets: []\n");
        Cli c = Cli.run("run", "--config", bad.toString());
        assertThat(c.exit).isEqualTo(2);
        assertThat(c.err).startsWith(bad + ":1:");
    }

    private static final class Pattern {
        static String quote(String s) {
            return java.util.regex.Pattern.quote(s);
        }
    }
}
