package org.watchpost.collector.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchpost.collector.fleettest.FakeResults.down;
import static org.watchpost.collector.fleettest.FakeResults.up;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.watchpost.collector.fleet.MaintenanceCalendar;
import org.watchpost.collector.fleet.MaintenanceWindow;
import org.watchpost.collector.fleettest.Configs;
import org.watchpost.collector.fleettest.FakeClock;
import org.watchpost.collector.fleettest.FleetHarness;
import org.watchpost.collector.fleettest.TestDatabase;
import org.watchpost.collector.status.FleetConfig;
import org.watchpost.collector.store.Dialect;
import org.watchpost.collector.web.CollectorServer;
import org.watchpost.collector.web.Routes;
import org.watchpost.collector.web.ServerSettings;
import org.watchpost.config.HostPort;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Finding;
import org.watchpost.protocol.Severity;
import org.watchpost.protocol.Verdict;
import org.watchpost.protocol.WireJson;

/**
 * The status page as a person sees it: served by the collector's HTTP server, loaded in headless Chromium (Debian
 * {@code chromium} and {@code chromium-driver}) through Selenium. Also writes the screenshot docs/images shows.
 */
class StatusPageBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Instant NOW = Instant.parse("2026-12-04T09:30:00Z");
    /** Would set a global and the title if any of it ran. */
    static final String HOSTILE = "<script>window.__pwned='script';document.title='pwned'</script>"
            + "<img src=x onerror=\"window.__pwned='onerror';document.title='pwned'\">"
            + "<a href=\"javascript:window.__pwned='link'\">click</a>";

    private static ChromeDriver browser;
    private static Path profile;

    @TempDir
    Path dir;
    private FleetHarness h;
    private CollectorServer server;

    @BeforeAll
    static void startBrowser() throws Exception {
        for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException(p + " is missing: install the Debian packages chromium and"
                        + " chromium-driver (apt-get install chromium chromium-driver), or run .ci/run");
            }
        }
        profile = Files.createTempDirectory("watchpost-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1360,1900", "--hide-scrollbars");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var paths = Files.walk(profile)) {
                paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (h != null) {
            h.close();
        }
    }

    private String serve(MaintenanceCalendar maintenance) throws Exception {
        FleetConfig base = Configs.fleet(List.of(), List.of(), maintenance);
        h = new FleetHarness(TestDatabase.sqlite(dir), Dialect.SQLITE, base, new FakeClock(NOW.minus(
                Duration.ofMinutes(95))));
        Routes routes = new Routes(WireJson.newMapper());
        h.module().routes(routes::get);
        server = new CollectorServer(new ServerSettings(HostPort.parse("127.0.0.1:0"), Duration.ofSeconds(30), 8),
                routes, new SimpleMeterRegistry());
        server.start();
        return "http://127.0.0.1:" + server.hostPort().port() + "/";
    }

    private static CheckResult result(String target, String site, String team, Verdict v, FailureClass cls,
                                      String evidence, String hint, String url, Instant t) {
        List<Finding> findings = cls == null ? List.of()
                : List.of(new Finding(cls, "test." + cls.id(), Severity.CRITICAL, evidence, hint, 1.0, "body"));
        return new CheckResult(target, t, v, cls, 200, findings, 0.2, url, null, Map.of("site", site, "team", team));
    }

    /** A believable fleet: the seed failure on one site, a regional outage one agent sees, a maintenance window. */
    private void populate(String hostileEvidence) {
        String seed = "Drupal\\Core\\Database\\DatabaseExceptionWrapper: SQLSTATE[HY000]: General error: 1114 The"
                + " table 'watchdog' is full: INSERT INTO {watchdog} (uid, type, message, variables, severity, link)";
        String seedHint = "The site's log table filled up: truncate or resize watchdog, then check dblog's row limit.";
        for (int round = 0; round < 90; round++) {
            Instant t = h.clock.instant();
            boolean seedFailing = round >= 60;
            boolean flapping = round >= 70 && round % 4 == 0;
            for (String agent : List.of("eu-1", "us-1")) {
                h.report(agent, seedFailing
                        ? result("unicri-news", "unicri", "web", Verdict.DOWN, FailureClass.DB_STORAGE_FULL, seed,
                        seedHint, "https://unicri.example.org/news", t)
                        : up("unicri-news", t, "unicri", "web"));
                h.report(agent, up("unicri-home", t, "unicri", "web"));
                h.report(agent, up("unhcr-jobs", t, "unhcr", "hr"));
                h.report(agent, flapping
                        ? result("court-rulings", "courts", "registry", Verdict.DOWN, FailureClass.TIMEOUT,
                        "no response within 10s", "The origin is slow or overloaded; check its load and upstreams.",
                        "https://rulings.example.org/", t)
                        : up("court-rulings", t, "courts", "registry"));
                h.report(agent, result("unhcr-press", "unhcr", "comms", Verdict.DOWN, FailureClass.MAINTENANCE,
                        "We are performing scheduled maintenance. We will be back shortly.",
                        "The site shows its maintenance page.", "https://unhcr.example.org/press", t));
            }
            // A regional outage only the European vantage point sees.
            h.report("eu-1", result("court-archive", "courts", "registry", Verdict.DOWN, FailureClass.CONNECT,
                    "connect to archive.example.org:443 failed: Connection refused",
                    "The host refuses connections from this network; check its firewall.",
                    "https://archive.example.org/", t));
            h.report("us-1", up("court-archive", t, "courts", "registry"));
            if (hostileEvidence != null) {
                for (String agent : List.of("eu-1", "us-1")) {
                    h.report(agent, result("hostile<b>name</b>", "evil\"><script>x</script>", "web",
                            Verdict.DOWN, FailureClass.APP_ERROR, hostileEvidence, hostileEvidence,
                            "javascript:window.__pwned='url'", t));
                }
            }
            h.evaluate();
            h.clock.advance(Duration.ofMinutes(1));
        }
        // An agent that went quiet a while ago.
        h.results.report("ap-1", up("unicri-home", NOW.minus(Duration.ofMinutes(40)), "unicri", "web"),
                NOW.minus(Duration.ofMinutes(40)));
        h.module().fleet().evaluate(true);
    }

    @Test
    void thePageShowsTheIncidentItsEvidenceAndTheHistoryStrip() throws Exception {
        LocalDateTime start = LocalDateTime.ofInstant(NOW.minus(Duration.ofMinutes(100)), ZoneOffset.UTC);
        String url = serve(new MaintenanceCalendar(List.of(MaintenanceWindow.oneOff("press-migration",
                Set.of("unhcr-press"), Set.of(), false, ZoneOffset.UTC, start, start.plusHours(3)))));
        populate(null);
        browser.get(url);

        WebElement open = browser.findElement(By.id("open-incidents"));
        // The seed failure, and the flapping court site as one incident however often it flapped.
        assertThat(open.getText()).isEqualTo("OPEN INCIDENTS (2)");
        WebElement incident = browser.findElement(By.xpath("//section[contains(@class,'incident')]"
                + "[.//a[text()='unicri-news']]"));
        assertThat(incident.getText()).contains("unicri-news").contains("db_storage_full")
                .contains("The table 'watchdog' is full").contains("Agents that agree: eu-1, us-1");
        WebElement row = browser.findElement(By.id("target-unicri-news"));
        assertThat(row.findElement(By.cssSelector(".badge")).getText()).isEqualTo("down");
        // 60 checks up, then 30 down: two runs, drawn 3 px per check.
        List<WebElement> runs = row.findElements(By.cssSelector(".strip i"));
        assertThat(runs).extracting(r -> r.getAttribute("class") + "×" + r.getAttribute("data-cells"))
                .containsExactly("u×60", "d×30");
        assertThat(runs.get(0).getSize().getHeight()).isGreaterThan(10);
        assertThat(runs.get(0).getSize().getWidth()).isEqualTo(180);
        assertThat(runs.get(1).getSize().getWidth()).isEqualTo(90);
        assertThat(browser.findElement(By.id("target-court-archive")).getText()).contains("seen from eu-1 only");
        assertThat(browser.findElement(By.id("target-unhcr-press")).getText()).contains("maintenance");
        assertThat(browser.findElement(By.id("agents")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.xpath("//table[.//th[text()='Journal fill']]")).getText())
                .contains("ap-1 not reporting");
        assertThat(browser.findElement(By.xpath("//section[contains(@class,'incident')][.//a[text()='court-rulings']]"))
                .getText()).contains("flapped");
        // unicri-news, and unhcr-press down inside its maintenance window.
        assertThat(browser.getTitle()).isEqualTo("Watchpost status · 2 failing");

        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        Path shot = Path.of("target", "status-page.png");
        Files.write(shot, png);
        if (Boolean.getBoolean("docs.screenshot")) {
            Path docs = Files.createDirectories(Path.of("..", "docs", "images"));
            Files.copy(shot, docs.resolve("status-page.png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void evidenceWithScriptsEventHandlersAndJavascriptUrlsRunsNothing() throws Exception {
        String url = serve(MaintenanceCalendar.NONE);
        populate(HOSTILE);
        browser.get(url);

        JavascriptExecutor js = browser;
        assertThat(js.executeScript("return window.__pwned === undefined")).isEqualTo(true);
        assertThat(browser.getTitle()).startsWith("Watchpost status").doesNotContain("pwned");
        // The hostile text is there, as text.
        WebElement incident = browser.findElement(By.xpath("//section[contains(@class,'incident')][.//code[text()"
                + "='app_error']]"));
        assertThat(incident.getText()).contains("<script>window.__pwned='script'").contains("onerror=")
                .contains("javascript:window.__pwned='link'").contains("hostile<b>name</b>");
        assertThat(browser.findElements(By.cssSelector("main script, main img, a[href^='javascript:' i]")))
                .isEmpty();
        // Clicking what would have been the link and the target's own javascript: URL does nothing either.
        for (WebElement a : browser.findElements(By.cssSelector("a"))) {
            assertThat(a.getAttribute("href")).doesNotStartWith("javascript:");
        }
        browser.get(url + "api/v1/status");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("<script>window.__pwned='script'");
        assertThat(js.executeScript("return window.__pwned === undefined")).isEqualTo(true);
    }
}
