package org.watchpost.agent.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Launches of the real servers the e2e tests break: each writes a minimal configuration of its own into the server's
 * temp directory (never the packaged one in /etc), binds 127.0.0.1 on a free port and runs in the foreground, so that
 * {@link ConfiguredServer} stops it by its PID. The caller gives the part that differs: locations, proxy targets,
 * web applications. A missing program fails naming its Debian package.
 */
public final class WebStacks {
    private static final Duration START = Duration.ofSeconds(30);
    /** Tomcat deploys its web applications before it opens its port, and compiles nothing until the first request. */
    private static final Duration TOMCAT_START = Duration.ofSeconds(90);
    private static final Path TOMCAT_HOME = Path.of("/usr/share/tomcat10");
    /** Debian's interpreter, with Debian's python3-django and python3-flask; a python3 earlier on PATH may lack them. */
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private WebStacks() {
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** nginx (Debian package nginx) with one {@code server} on the port; {@code serverBody} holds its locations. */
    public static ConfiguredServer nginx(String serverBody) {
        Path nginx = Binaries.require("nginx", "nginx");
        return ConfiguredServer.start("nginx", (dir, port) -> {
            Path tmp = Files.createDirectories(dir.resolve("tmp"));
            write(dir.resolve("nginx.conf"), """
                    daemon off;
                    worker_processes 1;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log;
                    %2$s
                    events { worker_connections 64; }
                    http {
                      include /etc/nginx/mime.types;
                      default_type application/octet-stream;
                      access_log off;
                      client_body_temp_path %3$s/body;
                      proxy_temp_path %3$s/proxy;
                      fastcgi_temp_path %3$s/fastcgi;
                      uwsgi_temp_path %3$s/uwsgi;
                      scgi_temp_path %3$s/scgi;
                      server {
                        listen 127.0.0.1:%4$d;
                        server_name localhost;
                    %5$s
                      }
                    }
                    """.formatted(dir, root() ? "user root;" : "", tmp, port, serverBody));
            return List.of(nginx.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString());
        }, Map.of(), START);
    }

    /** Apache httpd (Debian package apache2) with the event MPM and the modules the tests use; plus {@code directives}. */
    public static ConfiguredServer apache(String directives) {
        Path apache = Binaries.require("apache2", "apache2");
        Path modules = Path.of("/usr/lib/apache2/modules");
        return ConfiguredServer.start("apache2", (dir, port) -> {
            StringBuilder load = new StringBuilder();
            for (String m : List.of("mpm_event", "authz_core", "dir", "mime", "autoindex", "alias", "status", "info",
                    "proxy", "proxy_http")) {
                load.append("LoadModule ").append(m).append("_module ").append(modules.resolve("mod_" + m + ".so"))
                        .append('\n');
            }
            write(dir.resolve("httpd.conf"), """
                    ServerRoot %1$s
                    PidFile %1$s/httpd.pid
                    Listen 127.0.0.1:%2$d
                    ServerName 127.0.0.1
                    %3$s
                    ErrorLog %1$s/error.log
                    %4$s
                    TypesConfig /etc/mime.types
                    <Directory />
                      Require all granted
                    </Directory>
                    %5$s
                    """.formatted(dir, port, root() ? "User www-data\nGroup www-data" : "", load, directives));
            return List.of(apache.toString(), "-f", dir.resolve("httpd.conf").toString(), "-DFOREGROUND");
        }, Map.of(), START);
    }

    /** lighttpd (Debian package lighttpd) serving {@code docroot}, plus {@code directives}. */
    public static ConfiguredServer lighttpd(Path docroot, String directives) {
        Path lighttpd = Binaries.require("lighttpd", "lighttpd");
        return ConfiguredServer.start("lighttpd", (dir, port) -> {
            write(dir.resolve("lighttpd.conf"), """
                    server.modules = ("mod_proxy", "mod_alias", "mod_dirlisting")
                    server.port = %2$d
                    server.bind = "127.0.0.1"
                    server.document-root = "%3$s"
                    server.pid-file = "%1$s/lighttpd.pid"
                    server.errorlog = "%1$s/error.log"
                    index-file.names = ("index.lighttpd.html", "index.html")
                    mimetype.assign = (".html" => "text/html", ".txt" => "text/plain", "" => "application/octet-stream")
                    %4$s
                    """.formatted(dir, port, docroot, directives));
            return List.of(lighttpd.toString(), "-D", "-f", dir.resolve("lighttpd.conf").toString());
        }, Map.of(), START);
    }

    /** HAProxy (Debian package haproxy) in HTTP mode with 1 s timeouts: {@code frontendRules} route to {@code backends}. */
    public static ConfiguredServer haproxy(String frontendRules, String backends) {
        Path haproxy = Binaries.require("haproxy", "haproxy");
        return ConfiguredServer.start("haproxy", (dir, port) -> {
            write(dir.resolve("haproxy.cfg"), """
                    global
                      pidfile %1$s/haproxy.pid
                    defaults
                      mode http
                      timeout connect 1s
                      timeout client 10s
                      timeout server 1s
                    frontend web
                      bind 127.0.0.1:%2$d
                    %3$s
                    %4$s
                    """.formatted(dir, port, frontendRules, backends));
            return List.of(haproxy.toString(), "-db", "-f", dir.resolve("haproxy.cfg").toString());
        }, Map.of(), START);
    }

    /**
     * Varnish (Debian package varnish; it compiles its VCL with the C compiler, Debian package gcc) with {@code vcl},
     * a 1 s first-byte timeout and a small malloc store.
     */
    public static ConfiguredServer varnish(String vcl) {
        Path varnishd = Binaries.require("varnishd", "varnish");
        Binaries.require("cc", "gcc");
        return ConfiguredServer.start("varnishd", (dir, port) -> {
            write(dir.resolve("default.vcl"), vcl);
            List<String> command = new ArrayList<>(List.of(varnishd.toString(), "-F",
                    "-n", dir.resolve("work").toString(),
                    "-a", "127.0.0.1:" + port,
                    "-f", dir.resolve("default.vcl").toString(),
                    "-s", "malloc,16m",
                    "-p", "first_byte_timeout=1",
                    "-p", "connect_timeout=1",
                    "-P", dir.resolve("varnishd.pid").toString()));
            if (root()) {
                // The default jail switches to the varnish user, which cannot read a temp directory of root's.
                command.addAll(1, List.of("-j", "none"));
            }
            return command;
        }, Map.of(), START);
    }

    /**
     * Tomcat 10 (Debian package tomcat10) on its own CATALINA_BASE: Debian's CATALINA_HOME, Debian's default web.xml
     * (so error pages show exception reports, as Tomcat's defaults do), and the web applications {@code webapps}
     * writes into the directory it is given.
     */
    public static ConfiguredServer tomcat(WebApps webapps) {
        Path bootstrap = TOMCAT_HOME.resolve("bin/bootstrap.jar");
        Path juli = TOMCAT_HOME.resolve("bin/tomcat-juli.jar");
        if (!Files.isRegularFile(bootstrap) || !Files.isRegularFile(juli)) {
            throw new IllegalStateException("the e2e tests need Tomcat 10 in " + TOMCAT_HOME + " (" + bootstrap
                    + " is missing): install the Debian package tomcat10, or run .ci/run");
        }
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        return ConfiguredServer.start("tomcat10", (dir, port) -> {
            for (String sub : List.of("conf", "logs", "temp", "work", "webapps")) {
                Files.createDirectories(dir.resolve(sub));
            }
            Files.copy(TOMCAT_HOME.resolve("etc/web.xml"), dir.resolve("conf/web.xml").toAbsolutePath(),
                    StandardCopyOption.REPLACE_EXISTING);
            write(dir.resolve("conf/server.xml"), """
                    <Server port="-1" shutdown="SHUTDOWN">
                      <Service name="Catalina">
                        <Connector port="%d" address="127.0.0.1" protocol="HTTP/1.1"/>
                        <Engine name="Catalina" defaultHost="localhost">
                          <Host name="localhost" appBase="webapps" unpackWARs="false" autoDeploy="false"/>
                        </Engine>
                      </Service>
                    </Server>
                    """.formatted(port));
            webapps.write(dir.resolve("webapps"));
            return List.of(javaBin.toString(), "-Xmx256m", "-Xss1m",
                    "-cp", bootstrap + ":" + juli,
                    "-Dcatalina.home=" + TOMCAT_HOME,
                    "-Dcatalina.base=" + dir,
                    "-Djava.io.tmpdir=" + dir.resolve("temp"),
                    "org.apache.catalina.startup.Bootstrap", "start");
        }, Map.of(), TOMCAT_START);
    }

    /** Writes web applications, one directory each, into Tomcat's {@code webapps} directory. */
    @FunctionalInterface
    public interface WebApps {
        void write(Path webapps) throws IOException;
    }

    /**
     * A Django project in one file (Debian package python3-django), run by Django's own server: {@code script} must
     * run Django's management command line when executed; {@code env} is added to its environment.
     */
    public static ConfiguredServer django(String script, Map<String, String> env) {
        requirePythonModule("django", "python3-django");
        return ConfiguredServer.start("django", (dir, port) -> {
            write(dir.resolve("site.py"), script);
            return List.of(PYTHON.toString(), dir.resolve("site.py").toString(), "runserver", "--noreload",
                    "--nothreading", "127.0.0.1:" + port);
        }, env, START);
    }

    /** A Flask application in one file (Debian package python3-flask) that takes its port as its only argument. */
    public static ConfiguredServer flask(String script, Map<String, String> env) {
        requirePythonModule("flask", "python3-flask");
        return ConfiguredServer.start("flask", (dir, port) -> {
            write(dir.resolve("app.py"), script);
            return List.of(PYTHON.toString(), dir.resolve("app.py").toString(), Integer.toString(port));
        }, env, START);
    }

    private static void requirePythonModule(String module, String debianPackage) {
        if (!Files.isExecutable(PYTHON)) {
            throw new IllegalStateException("the e2e tests need Debian's " + PYTHON + ": install the Debian package"
                    + " python3, or run .ci/run");
        }
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import " + module).redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(PYTHON + " -c 'import " + module + "' did not finish within 30 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("the e2e tests need the Python module " + module + ", which " + PYTHON
                        + " cannot import: install the Debian package " + debianPackage + " (apt-get install "
                        + debianPackage + "), or run .ci/run\n" + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + PYTHON + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking for " + module, e);
        }
    }
}
