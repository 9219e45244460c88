package org.watchpost.agent.eval;

import static org.watchpost.protocol.FailureClass.APP_ERROR;
import static org.watchpost.protocol.FailureClass.APP_RESOURCE_EXHAUSTED;
import static org.watchpost.protocol.FailureClass.CONTENT_MISSING;
import static org.watchpost.protocol.FailureClass.DB_CONNECTION;
import static org.watchpost.protocol.FailureClass.DB_INTEGRITY;
import static org.watchpost.protocol.FailureClass.DB_OVERLOADED;
import static org.watchpost.protocol.FailureClass.DB_STORAGE_FULL;
import static org.watchpost.protocol.FailureClass.DEBUG_LEAK;
import static org.watchpost.protocol.FailureClass.HTTP_STATUS;
import static org.watchpost.protocol.FailureClass.MAINTENANCE;
import static org.watchpost.protocol.FailureClass.PLACEHOLDER_PAGE;
import static org.watchpost.protocol.FailureClass.TRUNCATED;
import static org.watchpost.protocol.FailureClass.UPSTREAM_UNAVAILABLE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.watchpost.agent.detect.Expect;
import org.watchpost.agent.e2e.ConfiguredServer;
import org.watchpost.agent.e2e.MariaDbServer;
import org.watchpost.agent.e2e.PageServer;
import org.watchpost.agent.e2e.PhpServer;
import org.watchpost.agent.e2e.PostgresServer;
import org.watchpost.agent.e2e.SeedSite;
import org.watchpost.agent.e2e.SilentUpstream;
import org.watchpost.agent.e2e.WebStacks;
import org.watchpost.agent.e2e.WordPressSite;
import org.watchpost.agent.testpages.InstitutionalPage;
import org.watchpost.protocol.FailureClass;

/**
 * The live material: real servers from Debian packages, started on loopback, broken for real, and probed by the
 * agent while they are broken; also their healthy pages, the distribution's default and listing pages, and the
 * diagnostics pages they can expose. Every server is stopped by its PID before the next stack starts, on failure too.
 */
final class LiveStacks {
    /** The upstream page every proxy passes through when it is healthy: an ordinary institutional page. */
    private static final int UPSTREAM_PAGE_BYTES = 60_000;
    /** The WordPress locales of the live set; the languages set takes every other one wordpress-l10n ships. */
    private static final String LIVE_LOCALE = "fr_FR";
    private static final Duration WARM_UP = Duration.ofSeconds(120);

    private final DetectorUnderTest agent;
    private final PageServer pages;
    private final List<Sample.Judged> judged = new ArrayList<>();
    /** Notes for the report: what the real software did that the reader should know. */
    private final List<String> notes = new ArrayList<>();
    /** Locales whose broken WordPress page was a blank 500 (WordPress crashed loading the translation). */
    private final List<String> blankLocales = new ArrayList<>();

    /** Where the stacks' own files go (documents roots, a database file); the caller deletes it. */
    private final Path work;

    LiveStacks(DetectorUnderTest agent, PageServer pages, Path work) {
        this.agent = agent;
        this.pages = pages;
        this.work = work;
    }

    List<Sample.Judged> judged() {
        return List.copyOf(judged);
    }

    List<String> notes() {
        List<String> all = new ArrayList<>(notes);
        if (!blankLocales.isEmpty()) {
            all.add("WordPress answered a blank 500 instead of its message in " + blankLocales.size() + " cases (it"
                    + " crashes loading the translation early); those rows expect http_status: "
                    + String.join(", ", blankLocales) + ".");
        }
        return all;
    }

    void runAll() throws IOException {
        URI upstream = pages.put("/press/", 200, "text/html; charset=utf-8",
                InstitutionalPage.generate(UPSTREAM_PAGE_BYTES, InstitutionalPage.SEED));
        int upstreamPort = upstream.getPort();
        try (SilentUpstream silent = SilentUpstream.start()) {
            int dead = deadPort();
            nginx(upstreamPort, dead, silent.port());
            apache(upstreamPort, dead, silent.port());
            lighttpd(upstreamPort, dead, silent.port());
            haproxy(upstreamPort, dead, silent.port());
            varnish(upstreamPort, dead, silent.port());
        }
        tomcat(deadPort());
        django();
        flask();
        phpMariaDbAndWordPress();
        postgres();
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private Outcome judge(MaterialSet set, String stack, String name, Expected expected, URI url) {
        Outcome o = agent.check(url);
        judged.add(new Sample.Judged(new Sample(set, stack, name, expected), o));
        return o;
    }

    private void live(String stack, String name, Expected expected, URI url) {
        judge(MaterialSet.LIVE, stack, name, expected, url);
    }

    private void healthy(String stack, String name, URI url) {
        judge(MaterialSet.LIVE, stack, name, Expected.HEALTHY, url);
    }

    private void distribution(String stack, String name, Expected expected, URI url) {
        judge(MaterialSet.DISTRIBUTION, stack, name, expected, url);
    }

    private static Expected is(FailureClass c, FailureClass... or) {
        return Expected.failure(c, or);
    }

    /** A loopback port nobody listens on: bound a moment ago by us and released. */
    static int deadPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free port on 127.0.0.1", e);
        }
    }

    private static Path requireFile(String path, String debianPackage) {
        Path p = Path.of(path);
        if (!Files.isRegularFile(p) && !Files.isDirectory(p)) {
            throw new IllegalStateException("the evaluation needs " + path + ": install the Debian package "
                    + debianPackage + ", or run .ci/run");
        }
        return p;
    }

    // --- proxies and web servers -------------------------------------------------------------------------------------

    private void nginx(int upstream, int dead, int silent) {
        requireFile("/usr/share/nginx/html/index.html", "nginx-common");
        try (ConfiguredServer nginx = WebStacks.nginx("""
                    location = / { root /usr/share/nginx/html; index index.html; }
                    location = /index.html { root /usr/share/nginx/html; }
                    location /press/ { proxy_pass http://127.0.0.1:%d; }
                    location /dead/ { proxy_pass http://127.0.0.1:%d/; }
                    location /hang/ { proxy_pass http://127.0.0.1:%d/; proxy_read_timeout 1s; }
                    location /files/ { alias /usr/share/doc/nginx-common/; autoindex on; }
                """.formatted(upstream, dead, silent))) {
            healthy("nginx", "page through the proxy", nginx.url("/press/"));
            live("nginx", "upstream refuses connections (502)", is(UPSTREAM_UNAVAILABLE), nginx.url("/dead/"));
            live("nginx", "upstream hangs (504)", is(UPSTREAM_UNAVAILABLE), nginx.url("/hang/"));
            distribution("nginx", "Debian's default page", is(PLACEHOLDER_PAGE), nginx.url("/"));
            distribution("nginx", "autoindex listing", is(PLACEHOLDER_PAGE), nginx.url("/files/"));
        }
    }

    private void apache(int upstream, int dead, int silent) {
        requireFile("/usr/share/apache2/default-site/index.html", "apache2");
        try (ConfiguredServer apache = WebStacks.apache("""
                DocumentRoot /usr/share/apache2/default-site
                ProxyPass /press/ http://127.0.0.1:%d/press/
                ProxyPass /dead/ http://127.0.0.1:%d/
                ProxyPass /hang/ http://127.0.0.1:%d/ timeout=1
                Alias /files/ /usr/share/doc/apache2/
                <Location /files/>
                  Options +Indexes
                </Location>
                ExtendedStatus On
                <Location /server-status>
                  SetHandler server-status
                </Location>
                <Location /server-info>
                  SetHandler server-info
                </Location>
                """.formatted(upstream, dead, silent))) {
            healthy("Apache httpd", "page through the proxy", apache.url("/press/"));
            live("Apache httpd", "upstream refuses connections (503)", is(UPSTREAM_UNAVAILABLE), apache.url("/dead/"));
            live("Apache httpd", "upstream hangs (504)", is(UPSTREAM_UNAVAILABLE), apache.url("/hang/"));
            distribution("Apache httpd", "Debian's default page", is(PLACEHOLDER_PAGE), apache.url("/"));
            distribution("Apache httpd", "mod_autoindex listing", is(PLACEHOLDER_PAGE), apache.url("/files/"));
            distribution("Apache httpd", "server-status exposed", is(DEBUG_LEAK), apache.url("/server-status"));
            distribution("Apache httpd", "server-info exposed", is(DEBUG_LEAK), apache.url("/server-info"));
        }
    }

    private void lighttpd(int upstream, int dead, int silent) {
        // Debian's postinst copies this file to /var/www/html/index.lighttpd.html; served from where the package keeps it.
        requireFile("/usr/share/lighttpd/index.html", "lighttpd");
        try (ConfiguredServer lighttpd = WebStacks.lighttpd(Path.of("/usr/share/lighttpd"), """
                $HTTP["url"] =~ "^/press/" { proxy.server = ("" => (("host" => "127.0.0.1", "port" => %d))) }
                $HTTP["url"] =~ "^/dead/" { proxy.server = ("" => (("host" => "127.0.0.1", "port" => %d))) }
                $HTTP["url"] =~ "^/hang/" { proxy.server = ("" => (("host" => "127.0.0.1", "port" => %d, "read-timeout" => 1))) }
                alias.url = ("/files/" => "/usr/share/doc/lighttpd/")
                $HTTP["url"] =~ "^/files/" { dir-listing.activate = "enable" }
                """.formatted(upstream, dead, silent))) {
            healthy("lighttpd", "page through the proxy", lighttpd.url("/press/"));
            live("lighttpd", "upstream refuses connections (503)", is(UPSTREAM_UNAVAILABLE), lighttpd.url("/dead/"));
            live("lighttpd", "upstream hangs", is(UPSTREAM_UNAVAILABLE), lighttpd.url("/hang/"));
            distribution("lighttpd", "Debian's placeholder page", is(PLACEHOLDER_PAGE), lighttpd.url("/"));
            distribution("lighttpd", "mod_dirlisting listing", is(PLACEHOLDER_PAGE), lighttpd.url("/files/"));
        }
    }

    private void haproxy(int upstream, int dead, int silent) {
        try (ConfiguredServer haproxy = WebStacks.haproxy("""
                  use_backend press if { path_beg /press/ }
                  use_backend hang if { path_beg /hang/ }
                  use_backend none if { path_beg /none/ }
                  default_backend dead
                """, """
                backend press
                  server app 127.0.0.1:%d
                backend hang
                  server app 127.0.0.1:%d
                backend dead
                  server app 127.0.0.1:%d
                backend none
                """.formatted(upstream, silent, dead))) {
            healthy("HAProxy", "page through the proxy", haproxy.url("/press/"));
            live("HAProxy", "server refuses connections (503)", is(UPSTREAM_UNAVAILABLE), haproxy.url("/dead/"));
            live("HAProxy", "server hangs (504)", is(UPSTREAM_UNAVAILABLE), haproxy.url("/hang/"));
            live("HAProxy", "backend without servers (503)", is(UPSTREAM_UNAVAILABLE), haproxy.url("/none/"));
        }
    }

    private void varnish(int upstream, int dead, int silent) {
        try (ConfiguredServer varnish = WebStacks.varnish("""
                vcl 4.1;
                backend dead { .host = "127.0.0.1"; .port = "%d"; }
                backend press { .host = "127.0.0.1"; .port = "%d"; }
                backend hang { .host = "127.0.0.1"; .port = "%d"; }
                sub vcl_recv {
                  if (req.url ~ "^/press/") { set req.backend_hint = press; }
                  elsif (req.url ~ "^/hang/") { set req.backend_hint = hang; }
                  else { set req.backend_hint = dead; }
                  return (pass);
                }
                """.formatted(dead, upstream, silent))) {
            healthy("Varnish", "page through the cache", varnish.url("/press/"));
            live("Varnish", "backend refuses connections (503 Guru Meditation)", is(UPSTREAM_UNAVAILABLE),
                    varnish.url("/dead/"));
            live("Varnish", "backend hangs (503 after first_byte_timeout)", is(UPSTREAM_UNAVAILABLE),
                    varnish.url("/hang/"));
        }
    }

    // --- Java ------------------------------------------------------------------------------------------------------

    private void tomcat(int deadDatabase) throws IOException {
        Path defaultRoot = requireFile("/usr/share/tomcat10-root/default_root", "tomcat10");
        Path driver;
        try {
            driver = Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the PostgreSQL JDBC driver's jar", e);
        }
        try (ConfiguredServer tomcat = WebStacks.tomcat(webapps -> {
            copyTree(defaultRoot, webapps.resolve("ROOT"));
            Path press = Files.createDirectories(webapps.resolve("press"));
            Files.createDirectories(press.resolve("WEB-INF/lib"));
            Files.copy(driver, press.resolve("WEB-INF/lib/postgresql.jar"));
            Files.writeString(press.resolve("index.jsp"), """
                    <%@ page contentType="text/html;charset=UTF-8" %><!DOCTYPE html>
                    <html lang="en"><head><title>Press releases | Ministry of Justice</title></head>
                    <body><h1>Press releases</h1>
                    <p>The Ministry publishes its annual report on access to justice, with figures for every region.</p>
                    <p>Published <%= java.time.LocalDate.of(2026, 11, 20) %>.</p></body></html>
                    """, StandardCharsets.UTF_8);
            Files.writeString(press.resolve("release.jsp"), """
                    <%@ page contentType="text/html;charset=UTF-8" %><!DOCTYPE html>
                    <html lang="en"><head><title>Press release | Ministry of Justice</title></head><body>
                    <h1>Press release</h1><%
                    String author = request.getParameter("author");
                    if (author == null) {
                        throw new IllegalStateException("press release " + request.getParameter("id") + " has no author");
                    }
                    %></body></html>
                    """, StandardCharsets.UTF_8);
            Files.writeString(press.resolve("archive.jsp"), """
                    <%@ page import="java.sql.*" contentType="text/html;charset=UTF-8" %><!DOCTYPE html>
                    <html lang="en"><head><title>Archive | Ministry of Justice</title></head><body><h1>Archive</h1><%
                    Class.forName("org.postgresql.Driver");
                    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:${port}/press", "press", "press-secret");
                         ResultSet rs = c.createStatement().executeQuery("SELECT title FROM node")) {
                        while (rs.next()) { out.println("<h2>" + rs.getString(1) + "</h2>"); }
                    }
                    %></body></html>
                    """.replace("${port}", Integer.toString(deadDatabase)), StandardCharsets.UTF_8);
        })) {
            // Tomcat compiles a JSP at its first request, which on a busy CI machine can take longer than the
            // probe's timeout; a site in production has served its pages before.
            for (String jsp : List.of("/press/", "/press/release.jsp?id=42", "/press/archive.jsp")) {
                warm(tomcat.url(jsp));
            }
            healthy("Tomcat 10", "JSP page", tomcat.url("/press/"));
            live("Tomcat 10", "JSP throws (exception report)", is(APP_ERROR), tomcat.url("/press/release.jsp?id=42"));
            live("Tomcat 10", "JDBC connection refused (root cause)", is(DB_CONNECTION),
                    tomcat.url("/press/archive.jsp"));
            distribution("Tomcat 10", "Debian's default ROOT page", is(PLACEHOLDER_PAGE), tomcat.url("/"));
        }
        notes.add("Tomcat's examples and manager applications (Debian packages tomcat10-examples, tomcat10-admin) are"
                + " not among the installed packages, so their status pages are not in the distribution set.");
    }

    /** One request with a generous timeout, whatever it answers. */
    private static void warm(URI url) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            client.send(HttpRequest.newBuilder(url).timeout(WARM_UP).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new IllegalStateException("warming up " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while warming up " + url, e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    // --- Python ----------------------------------------------------------------------------------------------------

    private static final String DJANGO_SITE = """
            import os, sqlite3, sys
            from django.conf import settings

            DB_FILE = os.environ["DB_FILE"]
            if os.path.isdir(os.path.dirname(DB_FILE)) and not os.path.exists(DB_FILE):
                con = sqlite3.connect(DB_FILE)
                con.execute("CREATE TABLE news (title TEXT)")
                con.execute("INSERT INTO news VALUES ('Call for experts: judicial training on environmental crime')")
                con.commit()
                con.close()

            settings.configure(
                DEBUG=os.environ.get("DEBUG") == "1",
                ALLOWED_HOSTS=["127.0.0.1"],
                ROOT_URLCONF=__name__,
                SECRET_KEY="evaluation-only-not-secret",
                DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": DB_FILE}},
                INSTALLED_APPS=[],
                MIDDLEWARE=[],
            )

            from django.db import connection
            from django.http import HttpResponse
            from django.urls import path

            PAGE = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>%s | Ministry of Justice</title>"
                    "</head><body><header><p>Ministry of Justice</p></header><main><h1>%s</h1>%s</main>"
                    "<footer><p>Ministry of Justice</p></footer></body></html>")

            def home(request):
                return HttpResponse(PAGE % ("Press", "Press releases",
                    "<p>The Ministry publishes its annual report on access to justice.</p>"))

            def release(request):
                raise ValueError("press release %s has no author" % request.GET.get("id"))

            def news(request):
                with connection.cursor() as c:
                    c.execute("SELECT title FROM news")
                    rows = c.fetchall()
                return HttpResponse(PAGE % ("News", "Latest news", "".join("<h2>%s</h2>" % r[0] for r in rows)))

            urlpatterns = [path("", home), path("release", release), path("news", news)]

            if __name__ == "__main__":
                from django.core.management import execute_from_command_line
                execute_from_command_line(sys.argv)
            """;

    private void django() throws IOException {
        Path data = Files.createDirectories(work.resolve("django-data"));
        Path db = data.resolve("site.sqlite3");
        try (ConfiguredServer debug = WebStacks.django(DJANGO_SITE, Map.of("DEBUG", "1", "DB_FILE", db.toString()));
             ConfiguredServer prod = WebStacks.django(DJANGO_SITE, Map.of("DEBUG", "0", "DB_FILE", db.toString()))) {
            healthy("Django", "view (DEBUG on)", debug.url("/"));
            healthy("Django", "view reading the database", prod.url("/news"));
            live("Django", "view raises, DEBUG on (technical 500 page)", is(APP_ERROR), debug.url("/release?id=42"));
            live("Django", "view raises, DEBUG off (Server Error (500))", is(APP_ERROR), prod.url("/release?id=42"));
            // A 404 is down for whoever watches that URL; the leak is the finding beside it. Either is right.
            distribution("Django", "DEBUG on: technical 404 page with the URLconf", is(DEBUG_LEAK, HTTP_STATUS),
                    debug.url("/no-such-page"));
            // The database file is replaced by an empty one (a restore that lost the schema): no such table.
            Files.delete(db);
            live("Django", "database without its tables, DEBUG on", is(DB_INTEGRITY), debug.url("/news"));
            // Now the database is gone altogether, directory and all: unable to open database file.
            removeDirectory(data);
            live("Django", "database gone, DEBUG on", is(DB_CONNECTION), debug.url("/news"));
            live("Django", "database gone, DEBUG off", is(APP_ERROR), prod.url("/news"));
        }
    }

    private static final String FLASK_APP = """
            import os, sys
            from flask import Flask
            app = Flask("press")

            @app.route("/")
            def home():
                return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Press | Ministry of Justice"
                        "</title></head><body><h1>Press releases</h1><p>The Ministry publishes its annual report.</p>"
                        "</body></html>")

            @app.route("/release/<int:rid>")
            def release(rid):
                raise ValueError("press release %d has no author" % rid)

            if __name__ == "__main__":
                app.run(host="127.0.0.1", port=int(sys.argv[1]), debug=os.environ.get("DEBUG") == "1",
                        use_reloader=False)
            """;

    private void flask() {
        try (ConfiguredServer debug = WebStacks.flask(FLASK_APP, Map.of("DEBUG", "1"));
             ConfiguredServer prod = WebStacks.flask(FLASK_APP, Map.of("DEBUG", "0"))) {
            healthy("Flask", "view", prod.url("/"));
            healthy("Flask", "view (debug on)", debug.url("/"));
            live("Flask", "view raises, debug off (500 Internal Server Error)", is(APP_ERROR), prod.url("/release/42"));
            live("Flask", "view raises, debug on (Werkzeug debugger)", is(APP_ERROR), debug.url("/release/42"));
        }
    }

    // --- PHP, MariaDB, WordPress ---------------------------------------------------------------------------------------

    private static final Map<String, String> PHP_PAGES = Map.of(
            "fatal.php", """
                    <?php
                    require __DIR__ . '/site.php';
                    site_header('Press releases');
                    site_article('Press releases', '2026-11-20', ['The Ministry publishes its annual report.']);
                    press_related_articles(42);
                    site_footer();
                    """,
            "memory.php", """
                    <?php
                    ini_set('memory_limit', '16M');
                    require __DIR__ . '/site.php';
                    site_header('Annual report');
                    $rows = [];
                    while (true) {
                        $rows[] = str_repeat('figures for every region ', 4096);
                    }
                    """,
            "slow.php", """
                    <?php
                    set_time_limit(1);
                    require __DIR__ . '/site.php';
                    site_header('Search');
                    $n = 0;
                    while (true) {
                        $n = ($n * 31 + 7) % 1000003;
                    }
                    """,
            "gallery.php", """
                    <?php
                    require __DIR__ . '/site.php';
                    site_header('Photo gallery');
                    $rows = site_db()->query('SELECT caption FROM gallery')->fetchAll();
                    site_footer();
                    """,
            "update.php", """
                    <?php
                    // A page view that counts itself, on a row a stuck transaction has locked.
                    require __DIR__ . '/site.php';
                    $db = site_db();
                    $db->exec('SET SESSION innodb_lock_wait_timeout = 1');
                    site_header('Press release');
                    site_article('Press release', '2026-11-20', ['The Ministry publishes its annual report.']);
                    $db->exec('UPDATE node SET created = created WHERE nid = 1');
                    site_footer();
                    """,
            "info.php", """
                    <?php
                    phpinfo();
                    """);

    private static final Map<String, String> PRODUCTION_PAGES = Map.of(
            "error.php", """
                    <?php
                    // A fatal error before any output: PHP answers 500 with an empty body when display_errors is off.
                    require __DIR__ . '/site.php';
                    press_bootstrap();
                    """,
            "home.php", """
                    <?php
                    // The front page; once the theme is broken (broken.flag), the fatal error comes after the headers
                    // went out, and display_errors is off: a 200 with nothing in it, the white screen.
                    require __DIR__ . '/site.php';
                    if (file_exists(__DIR__ . '/broken.flag')) {
                        flush();
                        press_theme_render();
                    }
                    site_header('Ministry of Justice');
                    site_article('Ministry of Justice', '2026-11-20', [
                        'The Ministry publishes its annual report on access to justice, with figures for every region.',
                        'Citizens can comment on the draft strategy until the end of the month.']);
                    site_footer();
                    """);

    private Path docroot(String name, Map<String, String> pagesByName) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        Files.writeString(dir.resolve("site.php"), resource("e2e/php/site.php"), StandardCharsets.UTF_8);
        for (Map.Entry<String, String> e : pagesByName.entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
        return dir;
    }

    static String resource(String name) throws IOException {
        try (var in = LiveStacks.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing from the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static final String SITE_USER = "evalsite";
    private static final String SITE_PASSWORD = "evalsite-secret";

    private void phpMariaDbAndWordPress() throws IOException {
        Path phpRoot = docroot("php", PHP_PAGES);
        Path prodRoot = docroot("php-production", PRODUCTION_PAGES);
        try (SeedSite seed = SeedSite.start()) {
            MariaDbServer db = seed.db();
            db.sql("CREATE USER '" + SITE_USER + "'@'127.0.0.1' IDENTIFIED BY '" + SITE_PASSWORD + "';"
                    + " GRANT ALL ON press.* TO '" + SITE_USER + "'@'127.0.0.1';");
            Map<String, String> env = Map.of("DB_HOST", db.host(), "DB_PORT", Integer.toString(db.port()),
                    "DB_NAME", "press", "DB_USER", SITE_USER, "DB_PASSWORD", SITE_PASSWORD);
            try (PhpServer php = PhpServer.start(phpRoot, env);
                 PhpServer prod = PhpServer.start(prodRoot, env, Map.of("display_errors", "0"));
                 WordPressSite wp = WordPressSite.start(db)) {
                php(php, prod, prodRoot);
                healthy("MariaDB", "article read from the database", seed.healthyUrl());
                live("MariaDB", "table full (error 1114, the founding case)", is(DB_STORAGE_FULL), seed.pressUrl());
                live("MariaDB", "table missing (error 1146)", is(DB_INTEGRITY), php.url("/gallery.php"));
                try (MariaDbServer.HeldSession lock = db.hold(
                        "START TRANSACTION; SELECT nid FROM press.node WHERE nid = 1 FOR UPDATE;")) {
                    live("MariaDB", "lock wait timeout (error 1205)", is(DB_OVERLOADED), php.url("/update.php"));
                }
                wordPress(wp, db);
                // Every slot taken: max_connections sessions held by root (root keeps its one extra slot). 10 is
                // the least MariaDB accepts for max_connections.
                int slots = 10;
                db.sql("SET GLOBAL max_connections = " + slots);
                List<MariaDbServer.HeldSession> held = new ArrayList<>();
                try {
                    for (int i = 0; i < slots; i++) {
                        held.add(db.hold(""));
                    }
                    live("MariaDB", "too many connections (error 1040)", is(DB_OVERLOADED), seed.healthyUrl());
                } finally {
                    held.forEach(MariaDbServer.HeldSession::close);
                    db.sql("SET GLOBAL max_connections = 50");
                }
                wp.dropOptionsTable();
                live("WordPress", "options table dropped", is(DB_INTEGRITY, DB_CONNECTION), wp.url("/"));
                live("WordPress", "options table dropped, " + LIVE_LOCALE, is(DB_INTEGRITY, DB_CONNECTION),
                        wp.url("/?wplang=" + LIVE_LOCALE));
                languages(wp, "options table dropped", is(DB_INTEGRITY, DB_CONNECTION));
                db.shutDown();
                live("MariaDB", "server stopped (connection refused)", is(DB_CONNECTION), seed.healthyUrl());
                live("WordPress", "database stopped", is(DB_CONNECTION), wp.url("/"));
                live("WordPress", "database stopped, " + LIVE_LOCALE, is(DB_CONNECTION),
                        wp.url("/?wplang=" + LIVE_LOCALE));
                languages(wp, "database stopped", is(DB_CONNECTION));
            }
        }
    }

    private void php(PhpServer php, PhpServer prod, Path prodRoot) throws IOException {
        DetectorUnderTest.Target home = new DetectorUnderTest.Target();
        for (int i = 0; i < 3; i++) {
            Outcome o = agent.check(prod.url("/home.php"), Expect.DEFAULT, home);
            if (i == 0) {
                judged.add(new Sample.Judged(new Sample(MaterialSet.LIVE, "PHP", "front page (production php.ini)",
                        Expected.HEALTHY), o));
            }
        }
        live("PHP", "fatal error, display_errors on", is(APP_ERROR), php.url("/fatal.php"));
        live("PHP", "memory limit exhausted", is(APP_RESOURCE_EXHAUSTED), php.url("/memory.php"));
        live("PHP", "maximum execution time exceeded", is(APP_RESOURCE_EXHAUSTED), php.url("/slow.php"));
        live("PHP", "fatal error, display_errors off (blank 500)", is(HTTP_STATUS), prod.url("/error.php"));
        Files.writeString(prodRoot.resolve("broken.flag"), "", StandardCharsets.UTF_8);
        Outcome white = agent.check(prod.url("/home.php"), Expect.DEFAULT, home);
        judged.add(new Sample.Judged(new Sample(MaterialSet.LIVE, "PHP",
                "white screen: blank 200 where the baseline had the front page", is(APP_ERROR, TRUNCATED,
                CONTENT_MISSING)), white));
        distribution("PHP", "phpinfo() exposed", is(DEBUG_LEAK), php.url("/info.php"));
    }

    private void wordPress(WordPressSite wp, MariaDbServer db) {
        healthy("WordPress", "front page with posts", wp.url("/"));
        healthy("WordPress", "front page with posts, " + LIVE_LOCALE, wp.url("/?wplang=" + LIVE_LOCALE));
        wp.maintenance(true);
        live("WordPress", "maintenance mode (.maintenance)", is(MAINTENANCE), wp.url("/"));
        Outcome fr = agent.check(wp.url("/?wplang=" + LIVE_LOCALE));
        // WordPress 6.1 crashes while loading the translation for its maintenance message (trailingslashit() is not
        // defined yet): a localized site in maintenance mode shows a blank 500.
        boolean blank = fr.body().length == 0;
        judged.add(new Sample.Judged(new Sample(MaterialSet.LIVE, "WordPress", "maintenance mode, " + LIVE_LOCALE
                + (blank ? " (WordPress crashes: blank 500)" : ""), blank ? is(HTTP_STATUS) : is(MAINTENANCE)), fr));
        if (blank) {
            notes.add("WordPress " + "from Debian's package crashes in maintenance mode with any locale but en_US"
                    + " (Call to undefined function trailingslashit() from wp_load_translations_early()): the visitor"
                    + " gets an empty 500, so the localized maintenance row expects http_status.");
        }
        wp.maintenance(false);
        wp.fatalPlugin(true);
        live("WordPress", "fatal error in a plugin (critical error)", is(APP_ERROR), wp.url("/"));
        live("WordPress", "fatal error in a plugin, " + LIVE_LOCALE, is(APP_ERROR), wp.url("/?wplang=" + LIVE_LOCALE));
        wp.fatalPlugin(false);
        healthy("WordPress", "front page after the plugin was deactivated", wp.url("/"));
    }

    /** The same broken WordPress in every other language wordpress-l10n ships, for the languages table. */
    private void languages(WordPressSite wp, String mode, Expected expected) throws IOException {
        for (String locale : WordPressLocales.all()) {
            if (locale.equals(LIVE_LOCALE)) {
                continue;
            }
            Outcome o = agent.check(wp.url("/?wplang=" + locale));
            // The crash of WordPress 6.1 while loading some translations early leaves a blank 500: nothing but the
            // status is there to find.
            boolean blank = new String(o.body(), StandardCharsets.UTF_8).isBlank();
            if (blank) {
                blankLocales.add(locale + " (" + mode + ")");
            }
            judged.add(new Sample.Judged(new Sample(MaterialSet.ENCODINGS, "WordPress: " + mode, locale,
                    blank ? is(HTTP_STATUS) : expected, "-", "-"), o));
        }
    }

    // --- PostgreSQL ------------------------------------------------------------------------------------------------

    private void postgres() throws IOException {
        PostgresServer.Login site = new PostgresServer.Login("news", "news-secret", "news");
        Path root = Files.createDirectories(work.resolve("php-postgresql"));
        Files.writeString(root.resolve("site.php"), resource("e2e/php/site.php"), StandardCharsets.UTF_8);
        Files.writeString(root.resolve("news.php"), resource("e2e/php/news.php"), StandardCharsets.UTF_8);
        try (PostgresServer db = PostgresServer.start(4, 1)) {
            PhpServer.requireExtension("pdo_pgsql", "php-pgsql");
            db.sql(resource("e2e/sql/news-site.pg.sql").replace("${password}", site.password()));
            try (PhpServer php = PhpServer.start(root, Map.of("DB_HOST", db.host(), "DB_PORT",
                    Integer.toString(db.port()), "DB_NAME", site.database(), "DB_USER", site.user(),
                    "DB_PASSWORD", site.password()))) {
                healthy("PostgreSQL", "news page reading the database", php.url("/news.php"));
                List<PostgresServer.HeldConnection> held = new ArrayList<>();
                try {
                    for (int i = 0; i < 3; i++) {
                        held.add(db.hold(site));
                    }
                    live("PostgreSQL", "only superuser slots left", is(DB_OVERLOADED), php.url("/news.php"));
                    held.add(db.hold(db.superuser()));
                    live("PostgreSQL", "too many clients already", is(DB_OVERLOADED), php.url("/news.php"));
                } finally {
                    held.forEach(PostgresServer.HeldConnection::close);
                }
                try (PostgresServer.HeldConnection stuck = db.hold(site)) {
                    db.beginSmartShutdown();
                    live("PostgreSQL", "shutting down, not accepting connections", is(DB_CONNECTION),
                            php.url("/news.php"));
                }
                db.stop();
                live("PostgreSQL", "server stopped (connection refused)", is(DB_CONNECTION), php.url("/news.php"));
            }
        }
        notes.add("PostgreSQL's \"not yet accepting connections\" is produced as its smart shutdown (\"the database"
                + " system is shutting down\"), the refusal a site sees while the server stops with clients still"
                + " attached; a startup window is too short to probe reliably.");
    }

    /** The way a database directory disappears under a running site: its files, then the directory. */
    private static void removeDirectory(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }
}
