package org.watchpost.agent.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real Alertmanager (the Debian package {@code prometheus-alertmanager}) for the collector's e2e tests, on a loopback
 * port with clustering off, its storage in a temp dir and one webhook receiver: the test's own HTTP server. It lives
 * in the agent's e2e package (in the collector's test sources) to reuse the package's {@link LocalProcess} and
 * {@link Binaries} from the agent's test-jar rather than copy them.
 *
 * <p>Groups by target and alertname with a 1 s group wait and interval, so the test sees a notification within a
 * couple of seconds of the alert, and repeats one only after an hour: every duplicate the receiver gets is one that
 * Watchpost caused by changing the alert, not Alertmanager's timer.
 */
public final class AlertmanagerServer implements AutoCloseable {
    private static final String PROGRAM = "prometheus-alertmanager";
    private static final String PACKAGE = "prometheus-alertmanager";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final int port;
    private final String webhookUrl;
    private LocalProcess process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AlertmanagerServer(Path dir, int port, String webhookUrl) {
        this.dir = dir;
        this.port = port;
        this.webhookUrl = webhookUrl;
    }

    /** A server that is not started yet, on a port chosen now, so a test can point the collector at it first. */
    public static AlertmanagerServer prepare(String webhookUrl) {
        try {
            return new AlertmanagerServer(Files.createTempDirectory("watchpost-am-"), LocalProcess.freeLoopbackPort(),
                    webhookUrl);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temp dir for Alertmanager", e);
        }
    }

    public static AlertmanagerServer start(String webhookUrl) {
        AlertmanagerServer am = prepare(webhookUrl);
        am.start();
        return am;
    }

    /** Starts (or starts again, on the same port and storage) and waits until it answers /-/ready. */
    public void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        Path bin = Binaries.require(PROGRAM, PACKAGE);
        Path config = dir.resolve("alertmanager.yml");
        try {
            Files.writeString(config, """
                    route:
                      receiver: test
                      group_by: [alertname, target]
                      group_wait: 1s
                      group_interval: 1s
                      repeat_interval: 1h
                    receivers:
                      - name: test
                        webhook_configs:
                          - url: "%s"
                            send_resolved: true
                    """.formatted(webhookUrl));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + config, e);
        }
        process = LocalProcess.start("alertmanager", List.of(bin.toString(),
                "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=",
                "--log.level=debug"), Map.of(), dir.resolve("alertmanager.log"));
        if (!process.awaitReady("ready", START_TIMEOUT, this::ready)) {
            throw new IllegalStateException("alertmanager exited with code " + process.exitCodeOrMinusOne()
                    + " before it was ready on 127.0.0.1:" + port + "\n" + process.logTail());
        }
    }

    private boolean ready() {
        try {
            return get("/-/ready").statusCode() == 200;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /** Stops it by its PID (SIGTERM, then SIGKILL); {@link #start} brings it back with the same storage. */
    public void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(10));
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code GET /api/v2/alerts}: the alerts it holds now, as JSON text. */
    public String alerts() {
        return get("/api/v2/alerts").body();
    }

    public String logTail() {
        return process == null ? "(not started)" : process.logTail();
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url() + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        stop();
        LocalProcess.deleteTree(dir);
    }
}
