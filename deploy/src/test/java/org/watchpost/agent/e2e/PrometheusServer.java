package org.watchpost.agent.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A real Prometheus (Debian package {@code prometheus}) on a free loopback port, with a config the test writes, its
 * TSDB in a temp dir and its log in {@code prometheus.log} there. It lives in the agent's e2e package (in the deploy
 * module) to run on the same {@link LocalProcess} as the other servers: stopped by its PID, killed if the JVM dies.
 *
 * <pre>{@code
 * try (PrometheusServer prometheus = PrometheusServer.start(configYaml, dir)) {
 *     JsonNode answer = prometheus.query("up");   // {"status":"success","data":{...}} or the error
 * }
 * }</pre>
 */
public final class PrometheusServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    private static final int START_ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalProcess process;
    private final int port;
    private final HttpClient http;

    private PrometheusServer(LocalProcess process, int port, HttpClient http) {
        this.process = process;
        this.port = port;
        this.http = http;
    }

    /**
     * Writes {@code config} to {@code dir/prometheus.yml} and starts Prometheus on it; returns once {@code /-/ready}
     * answers 200. A port taken between choosing and binding it is retried with another.
     *
     * @throws IllegalStateException when the program is missing (naming the Debian package), or Prometheus exits or
     *                               is not ready in time (with the end of its log)
     */
    public static PrometheusServer start(String config, Path dir) {
        Path binary = Binaries.require("prometheus", "prometheus");
        Path configFile = dir.resolve("prometheus.yml");
        Path log = dir.resolve("prometheus.log");
        try {
            Files.createDirectories(dir);
            Files.writeString(configFile, config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + configFile, e);
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        for (int attempt = 1; ; attempt++) {
            int port = LocalProcess.freeLoopbackPort();
            LocalProcess process = LocalProcess.start("prometheus", List.of(binary.toString(),
                    "--config.file=" + configFile,
                    "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=info"), Map.of(), log);
            PrometheusServer server = new PrometheusServer(process, port, http);
            boolean ready;
            try {
                ready = process.awaitReady("ready (GET /-/ready answering 200)", START_TIMEOUT,
                        () -> server.status("/-/ready") == 200);
            } catch (RuntimeException e) {
                process.stop(STOP_GRACE);
                throw e;
            }
            if (ready) {
                return server;
            }
            String tail = process.logTail();
            if (tail.contains("address already in use") && attempt < START_ATTEMPTS) {
                continue;
            }
            throw new IllegalStateException("prometheus exited with code " + process.exitCodeOrMinusOne()
                    + " before it was ready (config " + configFile + ")\n" + tail);
        }
    }

    public int port() {
        return port;
    }

    /** The answer of {@code POST /api/v1/query}: success or error alike, as Prometheus wrote it. */
    public JsonNode query(String expr) {
        return post("/api/v1/query", Map.of("query", expr));
    }

    /** The answer of {@code POST /api/v1/query_range} over {@code [start, end]} every {@code step}. */
    public JsonNode queryRange(String expr, Instant start, Instant end, Duration step) {
        return post("/api/v1/query_range", Map.of("query", expr,
                "start", Long.toString(start.getEpochSecond()),
                "end", Long.toString(end.getEpochSecond()),
                "step", step.toSeconds() + "s"));
    }

    /** The JSON answer of {@code GET path} (such as {@code /api/v1/rules}). */
    public JsonNode get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(REQUEST_TIMEOUT).GET().build();
        return parse(path, send(request, path));
    }

    public String logTail() {
        return process.logTail();
    }

    private JsonNode post(String path, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return parse(path, send(request, path));
    }

    private static JsonNode parse(String path, HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(path + " on Prometheus answered " + response.statusCode()
                    + " with a body that is not JSON: " + response.body(), e);
        }
    }

    private int status(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private HttpResponse<String> send(HttpRequest request, String path) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(path + " on Prometheus failed: " + e + "\n" + logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + path, e);
        }
    }

    /** SIGTERM, then SIGKILL after 20 s. */
    @Override
    public void close() {
        process.stop(STOP_GRACE);
    }
}
